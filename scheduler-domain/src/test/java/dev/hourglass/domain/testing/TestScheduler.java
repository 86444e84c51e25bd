package dev.hourglass.domain.testing;

import dev.hourglass.domain.Hourglass;
import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.in.HistoryQuery;
import dev.hourglass.domain.port.in.UseCases;
import dev.hourglass.domain.schedule.ScheduleSpec;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Hourglass over an in-memory store, a manual clock starting 2026-11-28T10:00:00Z and a scripted
 * runner: the fixture of the service and engine tests. Delivered alerts are collected in
 * {@link #alerts}. {@link #restarted()} is the same store and clock under a new Hourglass, as after
 * a process restart.
 */
public final class TestScheduler {

    public final ManualClock clock;
    public final InMemoryStore store;
    private final CountingIds ids;
    public final ScriptedRunner runner = new ScriptedRunner();
    /** Every alert the outbox delivered, in delivery order (see {@link Hourglass#deliverAlerts()}). */
    public final List<Alert> alerts = new CopyOnWriteArrayList<>();
    public final Hourglass hourglass;
    public final UseCases api;

    public TestScheduler() {
        this(new InMemoryStore(), ManualClock.at("2026-11-28T10:00:00Z"), new CountingIds(), UnaryOperator.identity());
    }

    public TestScheduler(UnaryOperator<Hourglass.Builder> customize) {
        this(new InMemoryStore(), ManualClock.at("2026-11-28T10:00:00Z"), new CountingIds(), customize);
    }

    private TestScheduler(InMemoryStore store, ManualClock clock, CountingIds ids,
            UnaryOperator<Hourglass.Builder> customize) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.hourglass = customize.apply(Hourglass.builder(store)
                .clock(clock)
                .runner(runner)
                .alerts(alerts::add)
                .ids(ids)
                .defaultZone(ZoneOffset.UTC))
                .build();
        this.api = hourglass.useCases();
    }

    /** A new Hourglass (a new instance id) on the same store, clock and ids, as after a process restart. */
    public TestScheduler restarted() {
        return restarted(UnaryOperator.identity());
    }

    public TestScheduler restarted(UnaryOperator<Hourglass.Builder> customize) {
        return new TestScheduler(store, clock, ids, customize);
    }

    public Job create(String name, ScheduleSpec schedule) {
        return api.create().create(CreateJobCommand.of(name, schedule, "task of " + name));
    }

    public Job get(JobId id) {
        return api.get().get(id);
    }

    public List<AuditEntry> audit(JobId id) {
        return api.audit().audit(HistoryQuery.of(id, 100));
    }
}
