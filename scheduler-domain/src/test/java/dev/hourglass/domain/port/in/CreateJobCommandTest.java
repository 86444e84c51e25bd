package dev.hourglass.domain.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.schedule.ScheduleSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CreateJobCommandTest {

    private static final ScheduleSpec EVERY_MINUTE = ScheduleSpec.every(60_000);

    @Test
    void a_plain_command_is_enabled_kept_after_runs_and_created_by_user() {
        CreateJobCommand command = CreateJobCommand.of("nightly report", EVERY_MINUTE, "send it");

        assertThat(command.enabled()).isTrue();
        assertThat(command.deleteAfterRun()).isFalse();
        assertThat(command.description()).isNull();
        assertThat(command.createdBy()).isEqualTo("user");
    }

    @Test
    void a_name_of_one_to_two_hundred_characters_is_taken() {
        assertThat(command("n", null, "task", null).name()).isEqualTo("n");
        assertThat(command("n".repeat(200), null, "task", null).name()).hasSize(200);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n"})
    void a_missing_or_blank_name_is_refused(String name) {
        assertRefused(() -> command(name, null, "task", null), ErrorCode.INVALID_REQUEST, "name",
                "name is required and must not be blank");
    }

    @Test
    void a_name_over_two_hundred_characters_is_refused() {
        assertRefused(() -> command("n".repeat(201), null, "task", null), ErrorCode.INVALID_REQUEST, "name",
                "name must be at most 200 characters, got 201");
    }

    @Test
    void a_description_of_up_to_a_thousand_characters_is_taken() {
        assertThat(command("job", "d".repeat(1000), "task", null).description()).hasSize(1000);
    }

    @Test
    void a_description_over_a_thousand_characters_is_refused() {
        assertRefused(() -> command("job", "d".repeat(1001), "task", null), ErrorCode.INVALID_REQUEST, "description",
                "description must be at most 1000 characters, got 1001");
    }

    @Test
    void a_missing_schedule_is_refused() {
        assertRefused(() -> new CreateJobCommand("job", null, true, null, "task", false, null),
                ErrorCode.INVALID_REQUEST, "schedule", "schedule is required");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "")
    void an_empty_task_is_an_invalid_request(String task) {
        assertRefused(() -> command("job", null, task, null), ErrorCode.INVALID_REQUEST, "task",
                "task is required and must not be empty");
    }

    @Test
    void a_task_of_one_byte_or_exactly_32_kib_is_taken() {
        assertThat(command("job", null, " ", null).task()).isEqualTo(" ");
        assertThat(command("job", null, "x".repeat(32_768), null).task()).hasSize(32_768);
    }

    @Test
    void a_task_one_byte_over_32_kib_is_too_large() {
        assertRefused(() -> command("job", null, "x".repeat(32_769), null), ErrorCode.TASK_TOO_LARGE, "task",
                "task: 32769 bytes exceeds the limit of 32768 bytes");
    }

    @Test
    void a_task_is_measured_in_utf_8_bytes_not_characters() {
        assertThat(command("job", null, "é".repeat(16_384), null).task()).hasSize(16_384); // 32768 bytes

        // 16385 characters, far below 32768, but 32770 bytes
        assertRefused(() -> command("job", null, "é".repeat(16_385), null), ErrorCode.TASK_TOO_LARGE, "task",
                "task: 32770 bytes exceeds the limit of 32768 bytes");
        // 8193 four-byte characters: 32772 bytes
        assertRefused(() -> command("job", null, "\uD83D\uDE00".repeat(8_193), null), ErrorCode.TASK_TOO_LARGE,
                "task", "task: 32772 bytes exceeds the limit of 32768 bytes");
    }

    @Test
    void created_by_defaults_to_user_and_takes_up_to_64_characters() {
        assertThat(command("job", null, "task", null).createdBy()).isEqualTo("user");
        assertThat(command("job", null, "task", "deploy-bot").createdBy()).isEqualTo("deploy-bot");
        assertThat(command("job", null, "task", "c".repeat(64)).createdBy()).hasSize(64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void a_blank_creator_is_refused(String createdBy) {
        assertRefused(() -> command("job", null, "task", createdBy), ErrorCode.INVALID_REQUEST, "createdBy",
                "createdBy must be 1 to 64 characters");
    }

    @Test
    void a_creator_over_64_characters_is_refused() {
        assertRefused(() -> command("job", null, "task", "c".repeat(65)), ErrorCode.INVALID_REQUEST, "createdBy",
                "createdBy must be 1 to 64 characters");
    }

    private static CreateJobCommand command(String name, String description, String task, String createdBy) {
        return new CreateJobCommand(name, description, true, EVERY_MINUTE, task, false, createdBy);
    }

    static void assertRefused(Runnable construction, ErrorCode code, String field, String message) {
        assertThatThrownBy(construction::run)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.field()).isEqualTo(field);
                })
                .hasMessage(message);
    }
}
