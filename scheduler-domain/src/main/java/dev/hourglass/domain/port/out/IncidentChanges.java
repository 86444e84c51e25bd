package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.ErrorSignature;
import dev.hourglass.domain.model.Incident;
import dev.hourglass.domain.model.IncidentRule;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.RunStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What a transaction of job writes changes about incidents, worked out by the domain for the store
 * that applies the writes, inside that transaction. Every store goes the same way:
 * <ol>
 * <li>before the writes, it reads the signature each touched job counts under as stored;
 * <li>it applies the writes, and hands those that applied to {@link #of};
 * <li>it stores {@link #memberships()}, the new signature (or none) of each job whose one changed;
 * <li>for each of {@link #signatures()}, in their order, it counts the jobs counting under it and
 * reads its open incident (after taking whatever lock orders it against other writers of the same
 * signature), and stores the {@link Change} that {@link #reconcile} answers, with its alert.
 * </ol>
 * A signature is reconciled when a job joined or left it, or when a new failing run of it was
 * recorded (the open incident was seen again); a claim, an edit or a takeover changes nothing here.
 */
public final class IncidentChanges {

    private static final IncidentChanges NONE = new IncidentChanges(Map.of(), new TreeMap<>(), null);

    private final Map<JobId, Optional<String>> memberships;
    private final TreeMap<String, Sighting> signatures;
    private final Instant at;

    /** For one signature: whether these writes recorded a new failure of it, and the text of one. */
    private record Sighting(boolean seen, String example) {
    }

    /** An incident to store: {@code opened} inserts it, otherwise it replaces the stored one; the alert goes to the outbox. */
    public record Change(Incident incident, boolean opened, Optional<Alert> alert) {

        public Change {
            Objects.requireNonNull(incident, "incident");
            Objects.requireNonNull(alert, "alert");
        }
    }

    private IncidentChanges(Map<JobId, Optional<String>> memberships, TreeMap<String, Sighting> signatures,
            Instant at) {
        this.memberships = memberships;
        this.signatures = signatures;
        this.at = at;
    }

    /**
     * The changes of {@code applied}, the writes that took effect in their order, given {@code before}:
     * the signature each job they touch counted under as stored before them (a job counting under
     * none is absent).
     */
    public static IncidentChanges of(Map<JobId, String> before, List<? extends JobWrite> applied) {
        return of(before, applied, false);
    }

    /**
     * As {@link #of}, for the job writes of a {@link DependencyChange}: the runs a dependency decides
     * (its faults, its held jobs' runs, its probe) and the holds and releases of its jobs. Those
     * failures are the dependency's story, told by its own one alert (CONTRACT §11.1), so a job they
     * touch counts under no signature until an ordinary run of it fails again.
     */
    public static IncidentChanges ofDependencyRuns(Map<JobId, String> before, List<? extends JobWrite> applied) {
        return of(before, applied, true);
    }

    private static IncidentChanges of(Map<JobId, String> before, List<? extends JobWrite> applied,
            boolean dependencyRuns) {
        Map<JobId, Optional<String>> current = new HashMap<>();
        before.forEach((job, signature) -> current.put(job, Optional.of(signature)));
        TreeMap<String, Sighting> signatures = new TreeMap<>();
        Instant at = null;
        Map<JobId, Optional<String>> changed = new LinkedHashMap<>();
        for (JobWrite write : applied) {
            if (write instanceof JobWrite.History) {
                continue; // A superseded run: the job itself is as it was.
            }
            JobId id = write.jobId();
            Optional<String> old = current.getOrDefault(id, Optional.empty());
            Optional<String> now = dependencyRuns ? Optional.empty()
                    : write instanceof JobWrite.Save save ? IncidentRule.signatureOf(save.job(), old)
                    : write instanceof JobWrite.Edit edit ? IncidentRule.signatureOf(edit.job(), old)
                    : Optional.empty();
            at = latest(at, instantOf(write));
            current.put(id, now);
            if (!old.equals(now)) {
                changed.put(id, now);
                old.ifPresent(signature -> signatures.putIfAbsent(signature, new Sighting(false, null)));
                // A job joining without a new run (a revival of one whose last run failed) lends its last error.
                String lastError = write instanceof JobWrite.Save save ? save.job().lastError() : null;
                now.ifPresent(signature -> signatures.merge(signature, new Sighting(false, lastError),
                        (known, joined) -> known.example() != null ? known : joined));
            }
            RunRecord run = write instanceof JobWrite.Save save ? save.run() : null;
            if (run != null && run.status() == RunStatus.ERROR && now.isPresent()
                    && now.get().equals(ErrorSignature.of(run.error()))) {
                signatures.put(now.get(), new Sighting(true, run.error() == null ? now.get() : run.error()));
            }
        }
        changed.keySet().removeIf(id -> current.get(id).equals(Optional.ofNullable(before.get(id))));
        if (changed.isEmpty() && signatures.isEmpty()) {
            return NONE;
        }
        return new IncidentChanges(Collections.unmodifiableMap(changed), signatures, at);
    }

    /** Nothing to store: no job changed its signature and no failure was recorded. */
    public boolean isEmpty() {
        return memberships.isEmpty() && signatures.isEmpty();
    }

    /** The signature each job whose one changed counts under now; empty: under none. */
    public Map<JobId, Optional<String>> memberships() {
        return memberships;
    }

    /** The signatures to reconcile, in their natural order. */
    public SortedSet<String> signatures() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(signatures.keySet()));
    }

    /**
     * What becomes of {@code signature}'s incident, {@code open} being the one open now (if any) and
     * {@code failing} the jobs counting under it after the writes, as {@code rule} says: a new
     * incident with its {@code incident_open} alert, the open one resolved with its
     * {@code incident_resolved} alert, the open one seen again, or nothing. {@code ids} names a new
     * incident and each alert.
     */
    public Optional<Change> reconcile(String signature, Optional<Incident> open, int failing, IncidentRule rule,
            Supplier<String> ids) {
        Sighting sighting = signatures.get(signature);
        if (sighting == null) {
            throw new IllegalArgumentException("not a signature these writes touched: " + signature);
        }
        Instant when = at != null ? at : open.map(Incident::lastSeenAt).orElse(null);
        if (when == null) {
            return Optional.empty(); // Only removals without an instant: the next failure decides.
        }
        switch (rule.decide(open.isPresent(), failing)) {
            case OPEN -> {
                Incident opened = Incident.opened(ids.get(), signature,
                        sighting.example() == null ? signature : sighting.example(), when);
                return Optional.of(new Change(opened, true, Optional.of(opened.alert(ids.get(), failing))));
            }
            case RESOLVE -> {
                Incident resolved = open.get().resolved(when);
                return Optional.of(new Change(resolved, false, Optional.of(resolved.alert(ids.get(), failing))));
            }
            case STAYS_OPEN -> {
                return sighting.seen() ? Optional.of(new Change(open.get().seen(when), false, Optional.empty()))
                        : Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** When a write happened: a saved or edited job's {@code updatedAt}, a removal's audit time. */
    private static Instant instantOf(JobWrite write) {
        if (write instanceof JobWrite.Save save) {
            return save.job().updatedAt();
        }
        if (write instanceof JobWrite.Edit edit) {
            return edit.job().updatedAt();
        }
        return write.audit().stream().map(AuditEntry::createdAt).max(Instant::compareTo).orElse(null);
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
