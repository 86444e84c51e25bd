package dev.hourglass.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AlertKind;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.Jobs;
import dev.hourglass.domain.model.LastRun;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.model.Utf8;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CONTRACT §5, "Outcome ok" and "Outcome error", rule by rule. */
class OutcomePolicyTest {

    private static final Instant PLANNED = Instant.parse("2026-06-01T12:00:00Z");
    private static final Instant STARTED = Instant.parse("2026-06-01T12:00:00.250Z");
    private static final JobId JOB_ID = JobId.of("job-1");

    private final AtomicInteger auditIds = new AtomicInteger();
    private final Supplier<String> ids = () -> "audit-" + auditIds.incrementAndGet();
    private final OutcomePolicy policy = new OutcomePolicy(BreakerSettings.DEFAULT, ids);

    @Nested
    class Outcome_ok {

        @Test
        void resets_the_errors_and_plans_the_next_slot_of_an_every_job_on_its_grid() {
            Job claimed = claim(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 3));
            // The run took 7 min 10 s: the 12:05 slot is gone, 12:10 is next, not 12:12:10.
            Instant now = STARTED.plus(Duration.ofMinutes(7).plusSeconds(10));

            OutcomeDecision decision = policy.decide(claimed, result(claimed, 430_000, RunOutcome.ok("sent")), now);

            JobWrite.Save save = save(decision);
            assertThat(save.job().status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(save.job().nextRunAt()).isEqualTo(Instant.parse("2026-06-01T12:10:00Z"));
            assertThat(save.job().consecutiveErrors()).isZero();
            assertThat(save.job().runCount()).isEqualTo(1);
            assertThat(save.job().lastRun()).isEqualTo(new LastRun(STARTED, RunStatus.OK, 430_000, null));
            assertThat(save.job().claim()).isNull();
            assertThat(save.job().updatedAt()).isEqualTo(now);
            assertThat(save.expectedVersion()).isEqualTo(claimed.version());
            assertThat(save.job().version()).isEqualTo(claimed.version() + 1);
            assertThat(save.audit()).isEmpty();
            assertThat(save.run()).isEqualTo(new RunRecord(new RunId("run-1"), JOB_ID, PLANNED, STARTED, 430_000,
                    RunStatus.OK, null, "sent", Jobs.OWNER));
            assertThat(decision.tripsBreaker()).isFalse();
        }

        @Test
        void a_short_run_of_an_every_job_plans_the_very_next_slot() {
            Job claimed = claim(Jobs.every(Duration.ofMinutes(5), PLANNED));

            OutcomeDecision decision = policy.decide(claimed, result(claimed, 1_000, RunOutcome.ok(null)),
                    STARTED.plusSeconds(1));

            assertThat(save(decision).job().nextRunAt()).isEqualTo(Instant.parse("2026-06-01T12:05:00Z"));
        }

        @Test
        void a_manual_run_of_an_every_job_keeps_its_grid() {
            Job job = Jobs.every(Duration.ofMinutes(5), PLANNED);
            Job claimed = Jobs.claimed(job, "run-1", null, STARTED);
            Instant now = STARTED.plusSeconds(2);

            JobWrite.Save save = save(policy.decide(claimed, result(claimed, 2_000, RunOutcome.ok("done")), now));

            assertThat(save.job().nextRunAt()).isEqualTo(Instant.parse("2026-06-01T12:05:00Z"));
            assertThat(save.run().plannedAt()).isNull();
        }

        @Test
        void completes_an_at_job_with_a_complete_entry_by_the_scheduler() {
            Job claimed = claim(Jobs.withErrors(Jobs.at(PLANNED), 1));
            Instant now = STARTED.plusSeconds(3);

            OutcomeDecision decision = policy.decide(claimed, result(claimed, 3_000, RunOutcome.ok("done")), now);

            JobWrite.Save save = save(decision);
            assertThat(save.job().status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(save.job().nextRunAt()).isNull();
            assertThat(save.job().consecutiveErrors()).isZero();
            assertThat(save.job().runCount()).isEqualTo(1);
            assertThat(save.audit()).containsExactly(new AuditEntry("audit-1", JOB_ID, "nightly report",
                    AuditAction.COMPLETE, JobStatus.ACTIVE, JobStatus.COMPLETED, "scheduler", null, now));
            assertThat(save.run().status()).isEqualTo(RunStatus.OK);
            assertThat(decision.tripsBreaker()).isFalse();
        }

        @Test
        void removes_a_delete_after_run_job_with_complete_then_delete_entries() {
            Job claimed = claim(Jobs.deletingAfterRun(Jobs.at(PLANNED)));
            Instant now = STARTED.plusSeconds(3);

            OutcomeDecision decision = policy.decide(claimed, result(claimed, 3_000, RunOutcome.ok("done")), now);

            assertThat(decision.write()).isInstanceOfSatisfying(JobWrite.Remove.class, remove -> {
                assertThat(remove.jobId()).isEqualTo(JOB_ID);
                assertThat(remove.expectedVersion()).isEqualTo(claimed.version());
                assertThat(remove.audit()).extracting(AuditEntry::id, AuditEntry::action, AuditEntry::previousStatus,
                                AuditEntry::newStatus, AuditEntry::actor, AuditEntry::detail, AuditEntry::createdAt)
                        .containsExactly(
                                tuple("audit-1", AuditAction.COMPLETE, JobStatus.ACTIVE, JobStatus.COMPLETED,
                                        "scheduler", null, now),
                                tuple("audit-2", AuditAction.DELETE, JobStatus.COMPLETED, null,
                                        "scheduler", "deleteAfterRun: removed after a successful run", now));
            });
            assertThat(decision.tripsBreaker()).isFalse();
        }

        @Test
        void removes_a_repeating_delete_after_run_job_too() {
            Job claimed = claim(Jobs.deletingAfterRun(Jobs.every(Duration.ofMinutes(5), PLANNED)));

            OutcomeDecision decision = policy.decide(claimed, result(claimed, 1_000, RunOutcome.ok(null)),
                    STARTED.plusSeconds(1));

            assertThat(decision.write()).isInstanceOf(JobWrite.Remove.class);
        }

        @Test
        void keeps_the_first_four_kib_of_the_output_in_the_run_record() {
            Job claimed = claim(Jobs.every(Duration.ofMinutes(5), PLANNED));
            String output = "é".repeat(3_000); // 6000 bytes of UTF-8

            JobWrite.Save save = save(policy.decide(claimed, result(claimed, 1_000, RunOutcome.ok(output)),
                    STARTED.plusSeconds(1)));

            assertThat(save.run().output()).isEqualTo("é".repeat(2_048));
            assertThat(Utf8.byteLength(save.run().output())).isEqualTo(4_096);
        }
    }

    @Nested
    class Outcome_error {

        @ParameterizedTest(name = "error {1} retries after {2}")
        @CsvSource(delimiter = '|', textBlock = """
                # errors before | errors after | retry after
                0               | 1            | PT30S
                1               | 2            | PT1M
                2               | 3            | PT5M
                3               | 4            | PT15M
                4               | 5            | PT60M
                8               | 9            | PT60M
                """)
        void counts_the_error_and_retries_after_the_backoff(int before, int after, Duration backoff) {
            Job claimed = claim(Jobs.withErrors(Jobs.every(Duration.ofHours(6), PLANNED), before));
            Instant now = STARTED.plusSeconds(2);

            OutcomeDecision decision = policy.decide(claimed,
                    result(claimed, 2_000, RunOutcome.failed("HTTP 500: boom")), now);

            JobWrite.Save save = save(decision);
            assertThat(save.job().status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(save.job().consecutiveErrors()).isEqualTo(after);
            assertThat(save.job().nextRunAt()).isEqualTo(now.plus(backoff));
            assertThat(save.job().runCount()).isEqualTo(1);
            assertThat(save.job().lastRun()).isEqualTo(new LastRun(STARTED, RunStatus.ERROR, 2_000, "HTTP 500: boom"));
            assertThat(save.run()).isEqualTo(new RunRecord(new RunId("run-1"), JOB_ID, PLANNED, STARTED, 2_000,
                    RunStatus.ERROR, "HTTP 500: boom", null, Jobs.OWNER));
            assertThat(save.audit()).isEmpty();
            assertThat(decision.tripsBreaker()).isFalse();
        }

        @Test
        void the_tenth_error_in_a_row_fails_the_job_and_trips_the_breaker() {
            Job claimed = claim(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 9));
            Instant now = STARTED.plusSeconds(2);

            OutcomeDecision decision = policy.decide(claimed,
                    result(claimed, 2_000, RunOutcome.failed("HTTP 503: down")), now);

            JobWrite.Save save = save(decision);
            assertThat(save.job().status()).isEqualTo(JobStatus.FAILED);
            assertThat(save.job().nextRunAt()).isNull();
            assertThat(save.job().consecutiveErrors()).isEqualTo(10);
            assertThat(save.job().runCount()).isEqualTo(1);
            assertThat(save.job().claim()).isNull();
            assertThat(save.audit()).containsExactly(new AuditEntry("audit-1", JOB_ID, "nightly report",
                    AuditAction.FAIL, JobStatus.ACTIVE, JobStatus.FAILED, "scheduler", "HTTP 503: down", now));
            assertThat(save.run().status()).isEqualTo(RunStatus.ERROR);
            assertThat(decision.tripsBreaker()).isTrue();
            assertThat(save.alerts()).containsExactly(new Alert("audit-2", AlertKind.JOB_FAILED, JOB_ID.value(),
                    "nightly report", 10, "HTTP 503: down", now));
        }

        @Test
        void an_error_below_the_limit_raises_no_alert() {
            Job claimed = claim(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 8));

            JobWrite.Save save = save(policy.decide(claimed, result(claimed, 1, RunOutcome.failed("no")), STARTED));

            assertThat(save.alerts()).isEmpty();
        }

        @Test
        void a_retry_does_not_shift_the_grid_of_an_every_job() {
            Job claimed = claim(Jobs.every(Duration.ofMinutes(5), PLANNED));
            Instant failedAt = STARTED.plusSeconds(1);
            Job retrying = save(policy.decide(claimed, result(claimed, 1_000, RunOutcome.failed("no")), failedAt))
                    .job();
            Instant retryAt = retrying.nextRunAt();
            Job retried = Jobs.claimed(retrying, "run-2", retryAt, retryAt);

            Job after = save(policy.decide(retried,
                    new RunResult(retried, retried.claim(), retryAt, 1_000, RunOutcome.ok(null)),
                    retryAt.plusSeconds(1))).job();

            assertThat(retryAt).isEqualTo(failedAt.plusSeconds(30));
            assertThat(after.nextRunAt()).as("12:05 is the grid's slot, not the retry plus 5 minutes")
                    .isEqualTo(Instant.parse("2026-06-01T12:05:00Z"));
        }

        @Test
        void ten_errors_in_a_row_trip_the_breaker_once_on_the_tenth() {
            Job job = Jobs.every(Duration.ofMinutes(5), PLANNED);
            List<Boolean> trips = new ArrayList<>();
            for (int run = 1; run <= 10; run++) {
                Job claimed = Jobs.claimed(job, "run-" + run, job.nextRunAt(), job.nextRunAt());
                Instant now = job.nextRunAt().plusSeconds(1);
                OutcomeDecision decision = policy.decide(claimed,
                        new RunResult(claimed, claimed.claim(), job.nextRunAt(), 1_000, RunOutcome.failed("no")), now);
                trips.add(decision.tripsBreaker());
                job = save(decision).job();
            }

            assertThat(trips).containsExactly(false, false, false, false, false, false, false, false, false, true);
            assertThat(job.status()).isEqualTo(JobStatus.FAILED);
            assertThat(job.runCount()).isEqualTo(10);
        }

        @Test
        void the_breaker_limit_is_configurable() {
            OutcomePolicy strict = new OutcomePolicy(BreakerSettings.DEFAULT.withMaxConsecutiveErrors(3), ids);
            Job secondError = claim(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 1));
            Job thirdError = claim(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 2));

            OutcomeDecision second = strict.decide(secondError, result(secondError, 1, RunOutcome.failed("no")), STARTED);
            OutcomeDecision third = strict.decide(thirdError, result(thirdError, 1, RunOutcome.failed("no")), STARTED);

            assertThat(save(second).job().status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(second.tripsBreaker()).isFalse();
            assertThat(save(third).job().status()).isEqualTo(JobStatus.FAILED);
            assertThat(third.tripsBreaker()).isTrue();
        }

        @Test
        void an_at_job_fails_at_its_third_error() {
            Job secondError = claim(Jobs.withErrors(Jobs.at(PLANNED), 1));
            Job thirdError = claim(Jobs.withErrors(Jobs.at(PLANNED), 2));
            Instant now = STARTED.plusSeconds(1);

            OutcomeDecision second = policy.decide(secondError, result(secondError, 1, RunOutcome.failed("no")), now);
            OutcomeDecision third = policy.decide(thirdError, result(thirdError, 1, RunOutcome.failed("gone")), now);

            assertThat(save(second).job().status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(save(second).job().nextRunAt()).isEqualTo(now.plus(Duration.ofMinutes(1)));
            assertThat(second.tripsBreaker()).isFalse();
            assertThat(save(third).job().status()).isEqualTo(JobStatus.FAILED);
            assertThat(save(third).job().nextRunAt()).isNull();
            assertThat(save(third).audit()).extracting(AuditEntry::action, AuditEntry::detail, AuditEntry::actor)
                    .containsExactly(tuple(AuditAction.FAIL, "gone", "scheduler"));
            assertThat(third.tripsBreaker()).isTrue();
        }

        @Test
        void an_at_job_fails_sooner_when_the_general_limit_is_lower_than_three() {
            OutcomePolicy strict = new OutcomePolicy(BreakerSettings.DEFAULT.withMaxConsecutiveErrors(2), ids);
            Job claimed = claim(Jobs.withErrors(Jobs.at(PLANNED), 1));

            assertThat(strict.decide(claimed, result(claimed, 1, RunOutcome.failed("no")), STARTED).tripsBreaker())
                    .isTrue();
        }

        @Test
        void a_cron_job_retries_at_its_next_fire_when_that_comes_before_the_backoff_ends() {
            Job claimed = claim(Jobs.cron("*/5 * * * *", "UTC", PLANNED));
            Instant now = Instant.parse("2026-06-01T12:04:50Z"); // backoff ends 12:05:20

            JobWrite.Save save = save(policy.decide(claimed, result(claimed, 290_000, RunOutcome.failed("no")), now));

            assertThat(save.job().nextRunAt()).isEqualTo(Instant.parse("2026-06-01T12:05:00Z"));
            assertThat(save.job().consecutiveErrors()).isEqualTo(1);
        }

        @Test
        void a_cron_job_retries_when_the_backoff_ends_when_that_comes_before_its_next_fire() {
            Job claimed = claim(Jobs.cron("*/5 * * * *", "UTC", PLANNED));
            Instant now = Instant.parse("2026-06-01T12:00:10Z"); // next fire 12:05

            JobWrite.Save save = save(policy.decide(claimed, result(claimed, 9_750, RunOutcome.failed("no")), now));

            assertThat(save.job().nextRunAt()).isEqualTo(Instant.parse("2026-06-01T12:00:40Z"));
        }

        @Test
        void a_retry_after_hint_longer_than_the_backoff_pushes_the_retry_back() {
            Job claimed = claim(Jobs.every(Duration.ofHours(6), PLANNED));
            Instant now = STARTED.plusSeconds(1);

            JobWrite.Save save = save(policy.decide(claimed,
                    result(claimed, 1_000, RunOutcome.failed("HTTP 429: slow down", Duration.ofSeconds(120))), now));

            assertThat(save.job().nextRunAt()).isEqualTo(now.plusSeconds(120));
        }

        @Test
        void a_retry_after_hint_pushes_a_cron_retry_past_its_next_fire() {
            Job claimed = claim(Jobs.cron("*/5 * * * *", "UTC", PLANNED));
            Instant now = Instant.parse("2026-06-01T12:04:50Z");

            JobWrite.Save save = save(policy.decide(claimed,
                    result(claimed, 1_000, RunOutcome.failed("HTTP 503: busy", Duration.ofSeconds(120))), now));

            assertThat(save.job().nextRunAt()).isEqualTo(Instant.parse("2026-06-01T12:06:50Z"));
        }

        @Test
        void a_retry_after_hint_shorter_than_the_backoff_changes_nothing() {
            Job claimed = claim(Jobs.every(Duration.ofHours(6), PLANNED));
            Instant now = STARTED.plusSeconds(1);

            JobWrite.Save save = save(policy.decide(claimed,
                    result(claimed, 1_000, RunOutcome.failed("HTTP 429: slow down", Duration.ofSeconds(10))), now));

            assertThat(save.job().nextRunAt()).isEqualTo(now.plusSeconds(30));
        }
    }

    /** CONTRACT §4: a pause or resume that lands while the job runs wins over the run's outcome. */
    @Nested
    class An_operator_change_during_the_run {

        @Test
        void a_pause_keeps_the_job_paused_and_the_run_is_still_recorded() {
            Job claimed = claim(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 4));
            Job paused = JobWrite.save(claimed, claimed.pause(STARTED.plusSeconds(1)), List.of()).job();
            Instant now = STARTED.plusSeconds(2);

            OutcomeDecision decision = policy.decide(paused, result(claimed, 2_000, RunOutcome.ok("sent")), now);

            JobWrite.Save save = save(decision);
            assertThat(save.expectedVersion()).isEqualTo(paused.version());
            assertThat(save.job().status()).isEqualTo(JobStatus.PAUSED);
            assertThat(save.job().nextRunAt()).isNull();
            assertThat(save.job().consecutiveErrors()).isEqualTo(4);
            assertThat(save.job().runCount()).isEqualTo(1);
            assertThat(save.job().lastRun()).isEqualTo(new LastRun(STARTED, RunStatus.OK, 2_000, null));
            assertThat(save.job().claim()).isNull();
            assertThat(save.run()).isEqualTo(new RunRecord(new RunId("run-1"), JOB_ID, PLANNED, STARTED, 2_000,
                    RunStatus.OK, null, "sent", Jobs.OWNER));
            assertThat(save.audit()).isEmpty();
            assertThat(decision.tripsBreaker()).isFalse();
        }

        @Test
        void a_tenth_error_after_a_pause_does_not_trip_the_breaker() {
            Job claimed = claim(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 9));
            Job paused = JobWrite.save(claimed, claimed.pause(STARTED.plusSeconds(1)), List.of()).job();

            OutcomeDecision decision = policy.decide(paused, result(claimed, 2_000, RunOutcome.failed("no")),
                    STARTED.plusSeconds(2));

            assertThat(save(decision).job().status()).isEqualTo(JobStatus.PAUSED);
            assertThat(save(decision).job().consecutiveErrors()).isEqualTo(9);
            assertThat(save(decision).job().lastRun().status()).isEqualTo(RunStatus.ERROR);
            assertThat(save(decision).audit()).isEmpty();
            assertThat(decision.tripsBreaker()).isFalse();
        }

        @Test
        void a_pause_and_resume_keep_the_next_run_and_error_count_the_resume_set() {
            Job claimed = claim(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 6));
            Instant resumedAt = STARTED.plusSeconds(1);
            Job paused = JobWrite.save(claimed, claimed.pause(resumedAt), List.of()).job();
            Job resumed = JobWrite.save(paused, paused.activate(resumedAt), List.of()).job();

            OutcomeDecision decision = policy.decide(resumed, result(claimed, 2_000, RunOutcome.failed("no")),
                    STARTED.plusSeconds(2));

            assertThat(save(decision).job().status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(save(decision).job().nextRunAt()).as("the grid's next slot after the resume")
                    .isEqualTo(Instant.parse("2026-06-01T12:05:00Z"));
            assertThat(save(decision).job().consecutiveErrors()).isZero();
            assertThat(save(decision).job().runCount()).isEqualTo(1);
            assertThat(decision.tripsBreaker()).isFalse();
        }
    }

    @Nested
    class An_interrupted_run {

        private final Instant claimedAt = PLANNED.plusMillis(5);
        private final Instant restartedAt = Instant.parse("2026-06-01T13:00:00Z");

        @Test
        void is_recorded_as_interrupted_and_keeps_its_run_id_under_the_new_version() {
            Job claimed = Jobs.claimed(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 2), "run-1",
                    PLANNED, claimedAt);

            JobWrite.Save save = policy.interrupted(claimed, restartedAt);

            assertThat(save.expectedVersion()).isEqualTo(claimed.version());
            assertThat(save.job().version()).isEqualTo(claimed.version() + 1);
            assertThat(save.job().claim()).isEqualTo(new Claim(new RunId("run-1"), PLANNED, claimedAt, save.job().version(),
                    Jobs.OWNER, 1));
            assertThat(save.run()).isEqualTo(new RunRecord(new RunId("run-1"), JOB_ID, PLANNED, claimedAt, 0,
                    RunStatus.INTERRUPTED, OutcomePolicy.FATAL_ERROR, null, Jobs.OWNER));
            assertThat(save.job().lastRun()).isEqualTo(new LastRun(claimedAt, RunStatus.INTERRUPTED, 0,
                    OutcomePolicy.FATAL_ERROR));
            assertThat(save.audit()).isEmpty();
        }

        @Test
        void counts_neither_as_a_run_nor_as_an_error() {
            Job claimed = Jobs.claimed(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 2), "run-1",
                    PLANNED, claimedAt);

            Job marked = policy.interrupted(claimed, restartedAt).job();

            assertThat(marked.runCount()).isZero();
            assertThat(marked.consecutiveErrors()).isEqualTo(2);
            assertThat(marked.status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(marked.nextRunAt()).isEqualTo(PLANNED);
        }

        @Test
        void the_fire_again_is_the_claimed_run_and_its_outcome_counts() {
            Job claimed = Jobs.claimed(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 2), "run-1",
                    PLANNED, claimedAt);
            Job marked = policy.interrupted(claimed, restartedAt).job();
            Instant now = restartedAt.plusSeconds(1);

            JobWrite.Save save = save(policy.decide(marked,
                    new RunResult(marked, marked.claim(), restartedAt, 1_000, RunOutcome.ok("sent")), now));

            assertThat(save.run().runId()).isEqualTo(new RunId("run-1"));
            assertThat(save.job().consecutiveErrors()).isZero();
            assertThat(save.job().runCount()).isEqualTo(1);
            assertThat(save.job().nextRunAt()).isEqualTo(Instant.parse("2026-06-01T13:05:00Z"));
        }
    }

    /** CONTRACT §10.3: a claim taken over by another instance fences off the late outcome of its old owner. */
    @Nested
    class A_claim_taken_over {

        private final InstanceId self = new InstanceId("instance-2");
        private final Instant takenAt = PLANNED.plusSeconds(15);

        @Test
        void moves_to_the_new_owner_in_the_next_epoch_with_the_same_run_id_and_planned_instant() {
            Job claimed = claim(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 2));

            JobWrite.Save save = policy.takeOver(claimed, self, takenAt);

            Claim moved = save.job().claim();
            assertThat(moved.runId()).isEqualTo(new RunId("run-1"));
            assertThat(moved.plannedAt()).isEqualTo(PLANNED);
            assertThat(moved.owner()).isEqualTo(self);
            assertThat(moved.epoch()).isEqualTo(2);
            assertThat(moved.version()).isEqualTo(save.job().version());
            assertThat(save.expectedVersion()).isEqualTo(claimed.version());
            assertThat(save.run()).isEqualTo(new RunRecord(new RunId("run-1"), JOB_ID, PLANNED, PLANNED, 0,
                    RunStatus.INTERRUPTED, OutcomePolicy.INTERRUPTED_ERROR, null, Jobs.OWNER));
            assertThat(save.audit()).isEmpty();
            assertThat(save.alerts()).isEmpty();
        }

        @Test
        void counts_neither_a_run_nor_an_error_and_keeps_the_job_due_as_it_was() {
            Job claimed = claim(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 2));

            Job taken = policy.takeOver(claimed, self, takenAt).job();

            assertThat(taken.runCount()).isZero();
            assertThat(taken.consecutiveErrors()).isEqualTo(2);
            assertThat(taken.status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(taken.nextRunAt()).isEqualTo(PLANNED);
            assertThat(taken.lastRun().status()).isEqualTo(RunStatus.INTERRUPTED);
        }

        @Test
        void a_run_its_own_instance_already_marked_interrupted_is_not_recorded_twice() {
            Job claimed = claim(Jobs.every(Duration.ofMinutes(5), PLANNED));
            Job marked = policy.interrupted(claimed, takenAt).job();

            JobWrite.Save save = policy.takeOver(marked, self, takenAt.plusSeconds(20));

            assertThat(save.run()).isNull();
            assertThat(save.job().claim().owner()).isEqualTo(self);
            assertThat(save.job().claim().epoch()).isEqualTo(2);
        }

        @Test
        void the_late_outcome_of_the_old_owner_is_recorded_superseded_and_changes_nothing_else() {
            Job claimed = claim(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 2));
            Job taken = policy.takeOver(claimed, self, takenAt).job();

            OutcomeDecision decision = policy.decide(taken, result(claimed, 20_000, RunOutcome.ok("late")),
                    takenAt.plusSeconds(5));

            assertThat(decision.write()).isEqualTo(new JobWrite.History(JOB_ID, new RunRecord(new RunId("run-1"),
                    JOB_ID, PLANNED, STARTED, 20_000, RunStatus.SUPERSEDED, null, "late", Jobs.OWNER)));
            assertThat(decision.write().audit()).isEmpty();
            assertThat(decision.write().alerts()).isEmpty();
            assertThat(decision.tripsBreaker()).isFalse();
        }

        @Test
        void a_late_tenth_error_trips_no_breaker_and_raises_no_alert() {
            Job claimed = claim(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 9));
            Job taken = policy.takeOver(claimed, self, takenAt).job();

            OutcomeDecision decision = policy.decide(taken, result(claimed, 1_000, RunOutcome.failed("late")),
                    takenAt);

            assertThat(decision.write()).isInstanceOf(JobWrite.History.class);
            assertThat(((JobWrite.History) decision.write()).run().status()).isEqualTo(RunStatus.SUPERSEDED);
            assertThat(((JobWrite.History) decision.write()).run().error()).isEqualTo("late");
            assertThat(decision.tripsBreaker()).isFalse();
        }

        @Test
        void the_new_owners_outcome_of_the_same_run_decides_as_usual() {
            Job claimed = claim(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 2));
            Job taken = policy.takeOver(claimed, self, takenAt).job();
            Instant now = takenAt.plusSeconds(1);

            JobWrite.Save save = save(policy.decide(taken,
                    new RunResult(taken, taken.claim(), takenAt, 1_000, RunOutcome.ok("again")), now));

            assertThat(save.run().runId()).isEqualTo(new RunId("run-1"));
            assertThat(save.run().status()).isEqualTo(RunStatus.OK);
            assertThat(save.run().instance()).isEqualTo(self);
            assertThat(save.job().runCount()).isEqualTo(1);
            assertThat(save.job().consecutiveErrors()).isZero();
            assertThat(save.job().claim()).isNull();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                # what differs | run id | owner      | epoch
                another run    | run-2  | instance-1 | 1
                another owner  | run-1  | instance-2 | 1
                another epoch  | run-1  | instance-1 | 2
                """)
        void the_stored_claim_must_match_in_run_id_owner_and_epoch(String differs, String runId, String owner,
                long epoch) {
            Job claimed = claim(Jobs.every(Duration.ofMinutes(5), PLANNED));
            Claim other = new Claim(new RunId(runId), PLANNED, PLANNED, claimed.version(), new InstanceId(owner),
                    epoch);
            Job stored = claimed.releaseClaim(PLANNED).claim(other, PLANNED);

            OutcomeDecision decision = policy.decide(stored, result(claimed, 1_000, RunOutcome.ok(null)), STARTED);

            assertThat(decision.write()).as(differs).isInstanceOf(JobWrite.History.class);
            assertThat(((JobWrite.History) decision.write()).run().status()).isEqualTo(RunStatus.SUPERSEDED);
        }

        @Test
        void an_outcome_whose_claim_is_gone_altogether_is_superseded() {
            Job claimed = claim(Jobs.every(Duration.ofMinutes(5), PLANNED));
            Job released = claimed.releaseClaim(STARTED);

            OutcomeDecision decision = policy.decide(released, result(claimed, 1_000, RunOutcome.ok(null)), STARTED);

            assertThat(decision.write()).isInstanceOf(JobWrite.History.class);
        }

        @Test
        void an_operator_change_before_the_takeover_still_wins_when_the_run_fires_again() {
            Job claimed = claim(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), PLANNED), 3));
            Job paused = JobWrite.save(claimed, claimed.pause(STARTED), List.of()).job();
            Job taken = policy.takeOver(paused, self, takenAt).job();

            JobWrite.Save save = save(policy.decide(taken,
                    new RunResult(taken, taken.claim(), takenAt, 1_000, RunOutcome.failed("no")), takenAt));

            assertThat(taken.claim().version()).as("the claim keeps the version before the pause")
                    .isEqualTo(claimed.version());
            assertThat(save.job().status()).isEqualTo(JobStatus.PAUSED);
            assertThat(save.job().consecutiveErrors()).isEqualTo(3);
            assertThat(save.job().runCount()).isEqualTo(1);
        }
    }

    /** The job as stored once the engine claimed its planned run, as run {@code run-1} at {@link #PLANNED}. */
    private static Job claim(Job job) {
        return Jobs.claimed(job, "run-1", PLANNED, PLANNED);
    }

    private static RunResult result(Job claimed, long durationMs, RunOutcome outcome) {
        return new RunResult(claimed, claimed.claim(), STARTED, durationMs, outcome);
    }

    private static JobWrite.Save save(OutcomeDecision decision) {
        assertThat(decision.write()).isInstanceOf(JobWrite.Save.class);
        return (JobWrite.Save) decision.write();
    }
}
