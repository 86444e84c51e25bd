package dev.hourglass.domain.service;

import dev.hourglass.domain.model.JobDefinition;
import dev.hourglass.domain.model.Probe;
import dev.hourglass.domain.model.Utf8;
import dev.hourglass.domain.port.in.EditJobCommand;
import dev.hourglass.domain.port.in.EditJobCommand.Field;
import dev.hourglass.domain.schedule.Schedule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** An edit worked out against the stored definition, and the audit's account of what it changed. */
final class Edits {

    private Edits() {
    }

    /**
     * The definition after {@code command}. A schedule sent again by the same rule keeps the stored
     * one (an interval keeps its grid); a new one is judged as at create and anchored at {@code now}.
     */
    static JobDefinition apply(EditJobCommand command, JobDefinition current, ZoneId defaultZone, Instant now) {
        Schedule schedule = current.schedule();
        if (command.changes(Field.SCHEDULE)) {
            Schedule requested = command.schedule().resolve(defaultZone);
            if (!requested.sameRuleAs(current.schedule())) {
                requested.requireFutureFire(now);
                schedule = requested.anchoredAt(now);
            }
        }
        return new JobDefinition(
                command.changes(Field.NAME) ? command.name() : current.name(),
                command.changes(Field.DESCRIPTION) ? command.description() : current.description(),
                command.changes(Field.ENABLED) ? command.enabled() : current.enabled(),
                schedule,
                command.changes(Field.TASK) ? command.task() : current.task(),
                command.changes(Field.DELETE_AFTER_RUN) ? command.deleteAfterRun() : current.deleteAfterRun(),
                command.changes(Field.EXPECT_SUCCESS_WITHIN_MS) ? command.expectSuccessWithinMs()
                        : current.expectSuccessWithinMs(),
                command.changes(Field.DEPENDENCY) ? command.dependency() : current.dependency(),
                command.changes(Field.PROBE) ? command.probe() : current.probe());
    }

    /**
     * Each changed field as {@code field: old → new}, joined by {@code "; "}; empty when nothing
     * changed. The task appears only as its size and a short hash, never as text.
     */
    static String describe(JobDefinition before, JobDefinition after) {
        List<String> changes = new ArrayList<>();
        change(changes, Field.NAME, quoted(before.name()), quoted(after.name()));
        change(changes, Field.DESCRIPTION, quoted(before.description()), quoted(after.description()));
        change(changes, Field.ENABLED, String.valueOf(before.enabled()), String.valueOf(after.enabled()));
        if (!before.schedule().sameRuleAs(after.schedule())) {
            changes.add(Field.SCHEDULE.wireName() + ": " + before.schedule().describe() + " → "
                    + after.schedule().describe());
        }
        change(changes, Field.TASK, taskSummary(before.task()), taskSummary(after.task()));
        change(changes, Field.DELETE_AFTER_RUN, String.valueOf(before.deleteAfterRun()),
                String.valueOf(after.deleteAfterRun()));
        change(changes, Field.EXPECT_SUCCESS_WITHIN_MS, String.valueOf(before.expectSuccessWithinMs()),
                String.valueOf(after.expectSuccessWithinMs()));
        change(changes, Field.DEPENDENCY, quoted(before.dependency()), quoted(after.dependency()));
        change(changes, Field.PROBE, probe(before.probe()), probe(after.probe()));
        return String.join("; ", changes);
    }

    /** {@code 123 bytes, sha256 0a1b2c3d4e5f}: enough to tell two tasks apart, nothing of their text. */
    static String taskSummary(String task) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(task.getBytes(StandardCharsets.UTF_8));
            return Utf8.byteLength(task) + " bytes, sha256 " + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void change(List<String> changes, Field field, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(field.wireName() + ": " + before + " → " + after);
        }
    }

    private static String probe(Probe probe) {
        return probe == null ? "null" : "after " + probe.afterMs() + " ms";
    }

    private static String quoted(String text) {
        return text == null ? "null" : "'" + text + "'";
    }
}
