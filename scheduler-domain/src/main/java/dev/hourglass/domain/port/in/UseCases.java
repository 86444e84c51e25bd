package dev.hourglass.domain.port.in;

import java.util.Objects;

/** Everything an adapter may ask of Hourglass, one use case each. */
public record UseCases(
        CreateJobUseCase create,
        GetJobUseCase get,
        ListJobsUseCase list,
        SummarizeJobsUseCase summarize,
        PauseJobUseCase pause,
        ResumeJobUseCase resume,
        RunJobNowUseCase runNow,
        DeleteJobUseCase delete,
        ReadAuditUseCase audit,
        ReadRunsUseCase runs,
        PreviewScheduleUseCase preview,
        CheckHealthUseCase health,
        ListInstancesUseCase cluster,
        EditJobUseCase edit,
        ReadRevisionsUseCase revisions,
        ExplainJobUseCase explain,
        CreateJobsUseCase createAll) {

    public UseCases {
        Objects.requireNonNull(create, "create");
        Objects.requireNonNull(get, "get");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(summarize, "summarize");
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(resume, "resume");
        Objects.requireNonNull(runNow, "runNow");
        Objects.requireNonNull(delete, "delete");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(edit, "edit");
        Objects.requireNonNull(revisions, "revisions");
        Objects.requireNonNull(explain, "explain");
        Objects.requireNonNull(createAll, "createAll");
    }
}
