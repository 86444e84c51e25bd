package dev.hourglass.domain.service;

import dev.hourglass.domain.error.BatchRefusedException;
import dev.hourglass.domain.error.ConcurrentUpdateException;
import dev.hourglass.domain.error.DuplicateNameException;
import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.error.PreconditionFailedException;
import dev.hourglass.domain.error.JobNotFoundException;
import dev.hourglass.domain.error.UnreadableJobException;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Instants;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobDefinition;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.policy.Lifecycle;
import dev.hourglass.domain.policy.Operation;
import dev.hourglass.domain.policy.UnexpectedVerdictException;
import dev.hourglass.domain.policy.Verdict;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.in.CreateJobUseCase;
import dev.hourglass.domain.port.in.CreateJobsCommand;
import dev.hourglass.domain.port.in.CreateJobsUseCase;
import dev.hourglass.domain.port.in.DeleteJobCommand;
import dev.hourglass.domain.port.in.DeleteJobUseCase;
import dev.hourglass.domain.port.in.EditJobCommand;
import dev.hourglass.domain.port.in.EditJobUseCase;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.in.PauseJobUseCase;
import dev.hourglass.domain.port.in.ResumeJobCommand;
import dev.hourglass.domain.port.in.ResumeJobUseCase;
import dev.hourglass.domain.port.out.JobCreation;
import dev.hourglass.domain.port.out.JobStore;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.schedule.Schedule;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The operator's changes to jobs. Each reads the job, asks {@link Lifecycle} what the operation
 * means for its status, and stores the result with its audit entry in one version-checked write,
 * reading again if another writer got there first.
 */
public final class JobCommandService
        implements CreateJobUseCase, CreateJobsUseCase, PauseJobUseCase, ResumeJobUseCase, DeleteJobUseCase, EditJobUseCase {

    /** Writers racing for one job settle within a few tries; more means something keeps rewriting it. */
    static final int MAX_ATTEMPTS = 20;

    private final JobStore store;
    private final Clock clock;
    private final Supplier<String> ids;
    private final ZoneId defaultZone;
    private final int maxJobs;
    private final Runnable onScheduleChange;

    public JobCommandService(JobStore store, Clock clock, Supplier<String> ids, ZoneId defaultZone, int maxJobs,
            Runnable onScheduleChange) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
        this.maxJobs = maxJobs;
        this.onScheduleChange = Objects.requireNonNull(onScheduleChange, "onScheduleChange");
    }

    @Override
    public Job create(CreateJobCommand command) {
        JobCreation creation = creation(command, Instants.now(clock));
        store.insert(creation.job(), creation.created(), maxJobs);
        onScheduleChange.run();
        return creation.job();
    }

    /**
     * Checks every job of the batch before it stores any: the refusals of the command (a field, a
     * JSON type), of the schedule, a name given twice in the batch (each repeat is refused, the first
     * stays), and, when anything else is refused, the names stored jobs hold, so the refusal names
     * every bad job at once. A clean batch goes to the store in one transaction, which refuses the
     * names it holds by then; the engine is woken once.
     */
    @Override
    public List<Job> createAll(CreateJobsCommand command) {
        Instant now = Instants.now(clock);
        List<CreateJobsCommand.Item> items = command.items();
        List<BatchRefusedException.Item> refused = new ArrayList<>();
        List<JobCreation> creations = new ArrayList<>(items.size());
        Map<String, Integer> firstWithName = new HashMap<>();
        Map<String, Integer> indexOfName = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof CreateJobsCommand.Refused refusal) {
                refused.add(new BatchRefusedException.Item(i, refusal.code(), refusal.message()));
                continue;
            }
            CreateJobCommand job = ((CreateJobsCommand.Valid) items.get(i)).command();
            Integer first = firstWithName.putIfAbsent(Job.nameKey(job.name()), i);
            if (first != null) {
                refused.add(new BatchRefusedException.Item(i, ErrorCode.DUPLICATE_NAME, "name: '" + job.name()
                        + "' is the name of job " + first + " of this batch too (names are case-insensitive)"));
                continue;
            }
            indexOfName.put(Job.nameKey(job.name()), i);
            try {
                creations.add(creation(job, now));
            } catch (InvalidInputException e) {
                refused.add(new BatchRefusedException.Item(i, e.code(), CreateJobsCommand.Refused.of(e).message()));
            }
        }
        if (!refused.isEmpty()) {
            Set<Integer> refusedIndexes = new HashSet<>();
            refused.forEach(item -> refusedIndexes.add(item.index()));
            for (String taken : store.namesTaken(indexOfName.keySet())) {
                int index = indexOfName.get(taken);
                if (!refusedIndexes.contains(index)) {
                    refused.add(takenName(index, ((CreateJobsCommand.Valid) items.get(index)).command().name()));
                }
            }
            throw BatchRefusedException.of(ErrorCode.INVALID_REQUEST, refused);
        }
        try {
            store.insertAll(creations, maxJobs);
        } catch (DuplicateNameException e) {
            throw BatchRefusedException.of(ErrorCode.DUPLICATE_NAME, e.names().stream()
                    .map(name -> takenName(indexOfName.get(Job.nameKey(name)), name)).toList());
        }
        onScheduleChange.run();
        return creations.stream().map(JobCreation::job).toList();
    }

    private static BatchRefusedException.Item takenName(int index, String name) {
        return new BatchRefusedException.Item(index, ErrorCode.DUPLICATE_NAME,
                new DuplicateNameException(name).getMessage());
    }

    /** The job {@code command} asks for, as created at {@code now}, with its {@code create} entry. */
    private JobCreation creation(CreateJobCommand command, Instant now) {
        Schedule schedule = command.schedule().resolve(defaultZone).anchoredAt(now);
        schedule.requireFutureFire(now);
        Instant next = command.enabled() ? schedule.activationFire(now).orElse(null) : null;
        JobDefinition definition = new JobDefinition(command.name(), command.description(), command.enabled(),
                schedule, command.task(), command.deleteAfterRun(), command.expectSuccessWithinMs(),
                command.dependency(), command.probe());
        Job job = Job.created(new JobId(ids.get()), definition, next, now, command.createdBy());
        return new JobCreation(job, AuditEntry.of(ids.get(), job, AuditAction.CREATE, null, JobStatus.ACTIVE,
                command.createdBy(), null, now));
    }

    /**
     * Pauses the job; with an end, the engine resumes it then. A timed pause replaces the end of one
     * under way, and a plain pause of a job paused until an instant makes it indefinite.
     */
    @Override
    public Job pause(PauseJobCommand command) {
        Instant until = command.until();
        if (until != null) {
            Instant now = Instants.now(clock);
            if (!until.isAfter(now)) {
                throw new InvalidInputException("until", "until must lie in the future; got " + until);
            }
            if (until.isAfter(now.atOffset(ZoneOffset.UTC).plusYears(1).toInstant())) {
                throw new InvalidInputException("until", "until must be at most one year ahead; got " + until);
            }
        }
        return transition(command.jobId(), current -> until != null || current.pausedUntil() != null
                ? Operation.PAUSE_UNTIL : Operation.PAUSE, command.actor(), command.reason(), until, null).job();
    }

    @Override
    public Job resume(ResumeJobCommand command) {
        return resume(command, null).job();
    }

    /**
     * A resume as {@link #resume(ResumeJobCommand)} does it, its audit detail led by {@code context}
     * (null for none) when it changes the job; answers whether it did.
     */
    Transitioned resume(ResumeJobCommand command, String context) {
        Operation operation = command.force() ? Operation.FORCE_RESUME : Operation.RESUME;
        return transition(command.jobId(), current -> operation, command.actor(), command.reason(), null, context);
    }

    /** The job after a transition, and whether the transition changed it (false: a no-op). */
    record Transitioned(Job job, boolean changed) {
    }

    /**
     * Applies the fields the command names. Compared with what is stored, an unchanged value is no
     * change: an edit that changes nothing is answered with the stored job and leaves no trace.
     */
    @Override
    public Job edit(EditJobCommand command) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Job current = find(command.jobId());
            if (command.expectedRevision() != null && command.expectedRevision() != current.revision()) {
                throw new PreconditionFailedException(current.id().value(), command.expectedRevision(),
                        current.revision());
            }
            Verdict verdict = Lifecycle.decide(current.status(), current.isRunning(), Operation.EDIT);
            if (verdict instanceof Verdict.Refuse refusal) {
                throw Rejections.of(refusal.code(), current, Operation.EDIT);
            }
            if (!(verdict instanceof Verdict.Redefine)) {
                throw new UnexpectedVerdictException(current.status(), Operation.EDIT, verdict);
            }
            Instant now = Instants.now(clock);
            JobDefinition changed = Edits.apply(command, current.definition(), defaultZone, now);
            String detail = Edits.describe(current.definition(), changed);
            if (detail.isEmpty()) {
                return current;
            }
            Job next = current.redefine(changed, now);
            AuditEntry entry = AuditEntry.of(ids.get(), next, AuditAction.UPDATE, current.status(), next.status(),
                    command.actor(), detail, now);
            JobWrite.Edit write = JobWrite.edit(current, next, List.of(entry), command.actor());
            if (store.apply(write)) {
                onScheduleChange.run();
                return write.job();
            }
        }
        throw new ConcurrentUpdateException(command.jobId().value());
    }

    /**
     * Deletes the job, also while it runs (the operator wins; the run's outcome is dropped). A row that
     * cannot be read is deleted too, audited with what is known of it, so that no hand edit of the
     * database is ever needed to get rid of one.
     */
    @Override
    public void delete(DeleteJobCommand command) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Job current;
            try {
                current = find(command.jobId());
            } catch (UnreadableJobException unreadable) {
                deleteUnreadable(command, unreadable);
                return;
            }
            Verdict verdict = Lifecycle.decide(current.status(), current.isRunning(), Operation.DELETE);
            if (verdict instanceof Verdict.Refuse refusal) {
                throw Rejections.of(refusal.code(), current, Operation.DELETE);
            }
            if (!(verdict instanceof Verdict.Remove)) {
                throw new UnexpectedVerdictException(current.status(), Operation.DELETE, verdict);
            }
            AuditEntry entry = AuditEntry.of(ids.get(), current, AuditAction.DELETE, current.status(), null,
                    command.actor(), null, Instants.now(clock));
            if (store.apply(JobWrite.remove(current, List.of(entry)))) {
                onScheduleChange.run();
                return;
            }
        }
        throw new ConcurrentUpdateException(command.jobId().value());
    }

    private void deleteUnreadable(DeleteJobCommand command, UnreadableJobException unreadable) {
        JobId id = command.jobId();
        AuditEntry entry = new AuditEntry(ids.get(), id, id.value(), AuditAction.DELETE, null, null, command.actor(),
                "removed a stored row that could not be read: " + unreadable.getMessage(), Instants.now(clock));
        if (!store.removeUnreadable(id, entry)) {
            throw new JobNotFoundException(id.value());
        }
        onScheduleChange.run();
    }

    private Transitioned transition(JobId id, java.util.function.Function<Job, Operation> operationFor,
            String actor, String reason, Instant until, String context) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Job current = find(id);
            Operation operation = operationFor.apply(current);
            if (operation == Operation.PAUSE_UNTIL && current.status() == JobStatus.PAUSED
                    && java.util.Objects.equals(current.pausedUntil(), until)) {
                return new Transitioned(current, false);
            }
            Verdict verdict = Lifecycle.decide(current.status(), current.isRunning(), operation);
            if (verdict instanceof Verdict.Refuse refusal) {
                throw Rejections.of(refusal.code(), current, operation);
            }
            if (verdict instanceof Verdict.Unchanged) {
                return new Transitioned(current, false);
            }
            if (!(verdict instanceof Verdict.Enter enter)) {
                throw new UnexpectedVerdictException(current.status(), operation, verdict);
            }
            Instant now = Instants.now(clock);
            Job next = enter.status() == JobStatus.ACTIVE ? current.activate(now) : current.pause(until, now);
            AuditEntry entry = AuditEntry.of(ids.get(), current, auditAction(current, enter.status()),
                    current.status(), next.status(), actor, detail(current, enter.status(), reason, until, context), now);
            JobWrite.Save write = JobWrite.save(current, next, List.of(entry));
            if (store.apply(write)) {
                onScheduleChange.run();
                return new Transitioned(write.job(), true);
            }
        }
        throw new ConcurrentUpdateException(id.value());
    }

    private Job find(JobId id) {
        return store.find(id).orElseThrow(() -> new JobNotFoundException(id.value()));
    }

    private static AuditAction auditAction(Job current, JobStatus target) {
        if (target == JobStatus.PAUSED) {
            return AuditAction.PAUSE;
        }
        return current.status() == JobStatus.FAILED ? AuditAction.FORCE_RESUME : AuditAction.RESUME;
    }

    /**
     * A force resume names what it overrode, so the audit shows the operator's decision in full;
     * {@code context} (a bulk resume) leads the detail when given.
     */
    private static String detail(Job current, JobStatus target, String reason, Instant until, String context) {
        String detail;
        if (target == JobStatus.PAUSED && until != null) {
            detail = reason == null ? "until " + until : "reason: " + reason + "; until " + until;
        } else if (target != JobStatus.ACTIVE || current.status() != JobStatus.FAILED) {
            detail = reason;
        } else {
            String overridden = current.clearedByRevival();
            detail = reason == null ? overridden : "reason: " + reason + "; " + overridden;
        }
        if (context == null) {
            return detail;
        }
        if (detail == null) {
            return context;
        }
        return context + "; " + (detail.equals(reason) ? "reason: " + reason : detail);
    }
}
