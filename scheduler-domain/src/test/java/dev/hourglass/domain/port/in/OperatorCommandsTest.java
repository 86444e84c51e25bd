package dev.hourglass.domain.port.in;

import static dev.hourglass.domain.port.in.CreateJobCommandTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.model.JobId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pause, resume, run now and delete: who acts, and the optional reason kept in the audit entry. */
class OperatorCommandsTest {

    private static final JobId JOB = JobId.of("job-1");

    @Test
    void a_reason_of_up_to_500_characters_is_kept() {
        assertThat(new PauseJobCommand(JOB, "r".repeat(500), null).reason()).hasSize(500);
        assertThat(new ResumeJobCommand(JOB, true, "disk replaced", null).reason()).isEqualTo("disk replaced");
    }

    @Test
    void a_reason_over_500_characters_is_refused() {
        assertRefused(() -> new PauseJobCommand(JOB, "r".repeat(501), null), ErrorCode.INVALID_REQUEST, "reason",
                "reason must be at most 500 characters, got 501");
        assertRefused(() -> new ResumeJobCommand(JOB, false, "r".repeat(501), null), ErrorCode.INVALID_REQUEST,
                "reason", "reason must be at most 500 characters, got 501");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n"})
    void a_blank_reason_is_no_reason(String reason) {
        assertThat(new PauseJobCommand(JOB, reason, null).reason()).isNull();
        assertThat(new ResumeJobCommand(JOB, false, reason, null).reason()).isNull();
    }

    @Test
    void the_actor_defaults_to_user() {
        assertThat(new PauseJobCommand(JOB, null, null).actor()).isEqualTo("user");
        assertThat(new ResumeJobCommand(JOB, false, null, null).actor()).isEqualTo("user");
        assertThat(new RunJobNowCommand(JOB, null).actor()).isEqualTo("user");
        assertThat(new DeleteJobCommand(JOB, null).actor()).isEqualTo("user");
        assertThat(new DeleteJobCommand(JOB, "ops").actor()).isEqualTo("ops");
    }

    @Test
    void an_actor_over_64_characters_or_blank_is_refused() {
        assertRefused(() -> new PauseJobCommand(JOB, null, "a".repeat(65)), ErrorCode.INVALID_REQUEST, "actor",
                "actor must be 1 to 64 characters");
        assertRefused(() -> new DeleteJobCommand(JOB, " "), ErrorCode.INVALID_REQUEST, "actor",
                "actor must be 1 to 64 characters");
    }

    @Test
    void resume_keeps_the_force_flag() {
        assertThat(new ResumeJobCommand(JOB, true, null, null).force()).isTrue();
        assertThat(new ResumeJobCommand(JOB, false, null, null).force()).isFalse();
    }
}
