package dev.hourglass.domain.port.in;

import dev.hourglass.domain.schedule.ScheduleSpec;

public interface PreviewScheduleUseCase {

    /**
     * Judges a schedule without creating anything.
     *
     * @throws dev.hourglass.domain.error.InvalidInputException when the spec is malformed (missing or
     *         unknown kind, a missing field); an unusable value is answered in the preview instead
     */
    SchedulePreview preview(ScheduleSpec spec);
}
