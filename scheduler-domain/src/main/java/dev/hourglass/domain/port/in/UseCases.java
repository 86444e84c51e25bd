package dev.hourglass.domain.port.in;

import dev.hourglass.domain.error.DependencyNotFoundException;
import java.util.List;
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
        ListDependenciesUseCase dependencies,
        OpenDependencyUseCase openDependency,
        CloseDependencyUseCase closeDependency,
        CreateJobsUseCase createAll) {

    /** Use cases without dependency breakers: no dependency is listed, and none can be held or closed. */
    public UseCases(CreateJobUseCase create, GetJobUseCase get, ListJobsUseCase list, SummarizeJobsUseCase summarize,
            PauseJobUseCase pause, ResumeJobUseCase resume, RunJobNowUseCase runNow, DeleteJobUseCase delete,
            ReadAuditUseCase audit, ReadRunsUseCase runs, PreviewScheduleUseCase preview, CheckHealthUseCase health,
            ListInstancesUseCase cluster, EditJobUseCase edit, ReadRevisionsUseCase revisions,
            ExplainJobUseCase explain, CreateJobsUseCase createAll) {
        this(create, get, list, summarize, pause, resume, runNow, delete, audit, runs, preview, health, cluster, edit,
                revisions, explain, List::of, command -> {
                    throw new DependencyNotFoundException(command.name());
                }, command -> {
                    throw new DependencyNotFoundException(command.name());
                }, createAll);
    }

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
        Objects.requireNonNull(dependencies, "dependencies");
        Objects.requireNonNull(openDependency, "openDependency");
        Objects.requireNonNull(closeDependency, "closeDependency");
        Objects.requireNonNull(createAll, "createAll");
    }
}
