package dev.hourglass.domain.service;

import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.error.HourglassException;
import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.model.Incident;
import dev.hourglass.domain.model.Instants;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.policy.Lifecycle;
import dev.hourglass.domain.policy.Operation;
import dev.hourglass.domain.policy.UnexpectedVerdictException;
import dev.hourglass.domain.policy.Verdict;
import dev.hourglass.domain.port.in.BulkResume;
import dev.hourglass.domain.port.in.ResumeFilter;
import dev.hourglass.domain.port.in.ResumeJobCommand;
import dev.hourglass.domain.port.in.ResumeJobsCommand;
import dev.hourglass.domain.port.in.ResumeJobsUseCase;
import dev.hourglass.domain.port.out.Incidents;
import dev.hourglass.domain.port.out.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The bulk resume of CONTRACT §11.4: the jobs a filter matches, each resumed on its own through the
 * single resume ({@link JobCommandService}, so {@link Lifecycle} decides every one and each is its
 * own version-checked transaction with its audit entry), the refusals collected instead of thrown.
 * A dry run asks {@link Lifecycle} the same question and writes nothing.
 */
public final class BulkResumeService implements ResumeJobsUseCase {

    /** Leads the audit detail of every resume a bulk resume makes. */
    static final String CONTEXT = "part of a bulk resume";

    private final JobCommandService commands;
    private final JobStore store;
    private final Incidents incidents;
    private final Clock clock;

    public BulkResumeService(JobCommandService commands, JobStore store, Incidents incidents, Clock clock) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.store = Objects.requireNonNull(store, "store");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public BulkResume resumeAll(ResumeJobsCommand command) {
        ResumeFilter filter = command.filter();
        Predicate<Job> inIncident = incidentCriterion(filter);
        List<Job> matching = store.list(Optional.empty()).stream()
                .filter(filter::matches).filter(inIncident).toList();
        List<Job> resumed = new ArrayList<>();
        List<BulkResume.Skipped> skipped = new ArrayList<>();
        Operation operation = command.force() ? Operation.FORCE_RESUME : Operation.RESUME;
        Instant now = Instants.now(clock);
        for (Job job : matching) {
            if (command.dryRun()) {
                predict(job, operation, now, resumed, skipped);
            } else {
                resume(job, command, resumed, skipped);
            }
        }
        if (filter.ids() != null) {
            Set<JobId> listed = new HashSet<>();
            store.list(Optional.empty()).forEach(job -> listed.add(job.id()));
            filter.ids().stream().filter(id -> !listed.contains(id)).sorted((a, b) -> a.value().compareTo(b.value()))
                    .forEach(id -> skipped.add(new BulkResume.Skipped(id, null, ErrorCode.NOT_FOUND)));
        }
        return new BulkResume(resumed, skipped, command.dryRun());
    }

    /** The jobs failing with the signature of the open incident the filter names; every job without one. */
    private Predicate<Job> incidentCriterion(ResumeFilter filter) {
        if (filter.incident() == null) {
            return job -> true;
        }
        Incident incident = incidents.incident(filter.incident()).orElseThrow(() -> new InvalidInputException(
                "filter.incident", "filter.incident: no incident with id '" + filter.incident() + "'"));
        Set<JobId> failing = incident.open() ? Set.copyOf(incidents.failingWith(incident.signature())) : Set.of();
        return job -> failing.contains(job.id());
    }

    private static void predict(Job job, Operation operation, Instant now, List<Job> resumed,
            List<BulkResume.Skipped> skipped) {
        Verdict verdict = Lifecycle.decide(job.status(), job.isRunning(), operation);
        if (verdict instanceof Verdict.Refuse refusal) {
            skipped.add(new BulkResume.Skipped(job.id(), job.name(), refusal.code()));
        } else if (verdict instanceof Verdict.Unchanged) {
            skipped.add(new BulkResume.Skipped(job.id(), job.name(), ErrorCode.ALREADY_ACTIVE));
        } else if (verdict instanceof Verdict.Enter enter && enter.status() == JobStatus.ACTIVE) {
            resumed.add(job.activate(now));
        } else {
            throw new UnexpectedVerdictException(job.status(), operation, verdict);
        }
    }

    private void resume(Job job, ResumeJobsCommand command, List<Job> resumed, List<BulkResume.Skipped> skipped) {
        try {
            JobCommandService.Transitioned done = commands.resume(
                    new ResumeJobCommand(job.id(), command.force(), command.reason(), command.actor()), CONTEXT);
            if (done.changed()) {
                resumed.add(done.job());
            } else {
                skipped.add(new BulkResume.Skipped(job.id(), job.name(), ErrorCode.ALREADY_ACTIVE));
            }
        } catch (HourglassException refused) {
            if (refused.code() == ErrorCode.STORE_UNAVAILABLE || refused.code() == ErrorCode.SHUTTING_DOWN) {
                throw refused;
            }
            skipped.add(new BulkResume.Skipped(job.id(), job.name(), refused.code()));
        }
    }
}
