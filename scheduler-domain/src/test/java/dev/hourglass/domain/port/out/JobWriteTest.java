package dev.hourglass.domain.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AlertKind;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.Jobs;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.RunStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobWriteTest {

    private final Job stored = Jobs.every(Duration.ofMinutes(5), Jobs.NOW);

    @Test
    void a_save_carries_the_next_version_and_expects_the_stored_one() {
        JobWrite.Save save = JobWrite.save(stored, stored.pause(Jobs.NOW), List.of());

        assertThat(save.expectedVersion()).isEqualTo(1);
        assertThat(save.job().version()).isEqualTo(2);
        assertThat(save.job().status()).isEqualTo(JobStatus.PAUSED);
        assertThat(save.jobId()).isEqualTo(stored.id());
        assertThat(save.run()).isNull();
    }

    @Test
    void a_save_refuses_a_version_that_does_not_follow_the_expected_one() {
        assertThatIllegalArgumentException().isThrownBy(() -> new JobWrite.Save(stored, 1, List.of(), null, List.of()))
                .withMessage("a saved job's version must follow the expected version");
        assertThatIllegalArgumentException().isThrownBy(() -> new JobWrite.Save(stored.withVersion(3), 1, List.of(), null, List.of()));
        assertThat(new JobWrite.Save(stored.withVersion(2), 1, List.of(), null, List.of()).expectedVersion()).isEqualTo(1);
    }

    @Test
    void a_save_refuses_a_changed_definition_because_stores_write_only_the_state() {
        Job renamed = new Job(stored.id(), "renamed", stored.description(), stored.enabled(), stored.schedule(),
                stored.task(), stored.status(), stored.lastRun(), stored.nextRunAt(), stored.runCount(),
                stored.consecutiveErrors(), stored.deleteAfterRun(), stored.createdAt(), stored.updatedAt(),
                stored.createdBy(), stored.version(), stored.claim(), stored.revision(), stored.pausedUntil(),
                stored.expectSuccessWithinMs(), stored.lastSuccessAt(), stored.staleSince(), stored.dependency(),
                stored.probe(), stored.pendingProbe());

        assertThatIllegalArgumentException().isThrownBy(() -> JobWrite.save(stored, renamed, List.of()))
                .withMessageContaining("keeps its definition");
    }

    @Test
    void the_audit_entries_are_a_copy_that_cannot_change() {
        List<AuditEntry> audit = new ArrayList<>();
        audit.add(AuditEntry.of("audit-1", stored, AuditAction.PAUSE, JobStatus.ACTIVE, JobStatus.PAUSED, "user", null,
                Jobs.NOW));

        JobWrite.Save save = JobWrite.save(stored, stored.pause(Jobs.NOW), audit);
        audit.clear();

        assertThat(save.audit()).hasSize(1);
        assertThatThrownBy(() -> save.audit().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_save_raising_an_alert_carries_it_beside_its_audit_entries() {
        Job failed = stored.tripBreaker(10, Jobs.NOW);
        Alert alert = Alert.jobFailed("alert-1", failed, Jobs.NOW);

        JobWrite.Save save = JobWrite.save(stored, failed, List.of()).alerting(alert);

        assertThat(save.alerts()).containsExactly(alert);
        assertThat(save.job().version()).isEqualTo(2);
        assertThat(JobWrite.save(stored, failed, List.of()).alerts()).isEmpty();
        assertThat(alert.kind()).isEqualTo(AlertKind.JOB_FAILED);
        assertThat(alert.subjectId()).isEqualTo(stored.id().value());
        assertThat(alert.count()).isEqualTo(10);
    }

    @Test
    void a_history_write_carries_only_its_run() {
        RunRecord run = new RunRecord(new RunId("run-1"), stored.id(), Jobs.NOW, Jobs.NOW, 5, RunStatus.SUPERSEDED,
                null, null, Jobs.OWNER);

        JobWrite.History history = new JobWrite.History(stored.id(), run);

        assertThat(history.jobId()).isEqualTo(stored.id());
        assertThat(history.run()).isEqualTo(run);
        assertThat(history.audit()).isEmpty();
        assertThat(history.alerts()).isEmpty();
    }

    @Test
    void a_removal_expects_the_stored_version() {
        JobWrite.Remove remove = JobWrite.remove(stored.withVersion(7), List.of());

        assertThat(remove.jobId()).isEqualTo(stored.id());
        assertThat(remove.expectedVersion()).isEqualTo(7);
        assertThat(remove.alerts()).isEmpty();
    }
}
