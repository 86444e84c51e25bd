package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.schedule.At;
import dev.hourglass.domain.schedule.Cron;
import dev.hourglass.domain.schedule.Every;
import dev.hourglass.domain.schedule.Schedule;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * A schedule as five plain columns, readable in the {@code sqlite3} shell: {@code schedule_kind}
 * and the one or two columns of that kind ({@code schedule_at}; {@code schedule_interval_ms};
 * {@code schedule_expr} and {@code schedule_tz}).
 */
public record ScheduleColumns(String kind, java.time.Instant at, Long intervalMs, String expr, String tz) {

    public static ScheduleColumns of(Schedule schedule) {
        if (schedule instanceof At at) {
            return new ScheduleColumns(At.KIND, at.at(), null, null, null);
        }
        if (schedule instanceof Every every) {
            // The grid's anchor shares the one-shot's instant column.
            return new ScheduleColumns(Every.KIND, every.anchor(), every.intervalMs(), null, null);
        }
        if (schedule instanceof Cron cron) {
            return new ScheduleColumns(Cron.KIND, null, null, cron.expression(), cron.zone().getId());
        }
        throw new IllegalArgumentException("no columns for schedule kind " + schedule.kind());
    }

    public static Schedule read(Columns row) throws SQLException {
        String kind = row.requiredText("schedule_kind");
        switch (kind) {
            case At.KIND:
                return new At(row.requiredInstant("schedule_at"));
            case Every.KIND:
                return new Every(row.requiredInteger("schedule_interval_ms"), row.instant("schedule_at"));
            case Cron.KIND:
                return Cron.of(row.requiredText("schedule_expr"), zone(row.requiredText("schedule_tz")));
            default:
                throw new Columns.BadValueException("schedule_kind", "unknown schedule kind '" + kind + "'");
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new Columns.BadValueException("schedule_tz", "unknown time zone '" + id + "'");
        }
    }
}
