package dev.hourglass.http;

import dev.hourglass.domain.schedule.At;
import dev.hourglass.domain.schedule.Cron;
import dev.hourglass.domain.schedule.Every;
import dev.hourglass.domain.schedule.Schedule;
import dev.hourglass.domain.schedule.ScheduleSpec;
import java.time.Instant;

/** A job's schedule on the wire: {@code {"kind":"at","at":...}}, {@code every} or {@code cron}. */
sealed interface ScheduleJson permits ScheduleJson.AtJson, ScheduleJson.EveryJson, ScheduleJson.CronJson {

    /** Maps each permitted kind of {@link Schedule}; a test proves every kind is covered. */
    static ScheduleJson of(Schedule schedule) {
        if (schedule instanceof At at) {
            return new AtJson(At.KIND, at.at());
        }
        if (schedule instanceof Every every) {
            return new EveryJson(Every.KIND, every.intervalMs());
        }
        if (schedule instanceof Cron cron) {
            return new CronJson(Cron.KIND, cron.expression(), cron.zone().getId());
        }
        throw new IllegalStateException("no JSON form for schedule kind " + schedule.kind());
    }

    /**
     * Reads the raw fields of a schedule as the client wrote them, types checked; which fields the
     * kind needs and whether the values can be used is the domain's judgement.
     */
    static ScheduleSpec spec(JsonObject json) {
        return new ScheduleSpec(json.text("kind"), json.text("at"), json.integer("intervalMs"), json.text("expr"),
                json.text("tz"));
    }

    record AtJson(String kind, Instant at) implements ScheduleJson {
    }

    record EveryJson(String kind, long intervalMs) implements ScheduleJson {
    }

    record CronJson(String kind, String expr, String tz) implements ScheduleJson {
    }
}
