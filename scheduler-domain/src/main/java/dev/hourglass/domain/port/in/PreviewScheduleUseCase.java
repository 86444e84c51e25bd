package dev.hourglass.domain.port.in;

public interface PreviewScheduleUseCase {

    /**
     * Judges a schedule without creating anything, as create would judge it now, and lists its
     * first {@code count} fires after {@code from}: the fire a job entering {@code active} at
     * {@code from} would get, then each next fire as if every run ended at its planned instant.
     *
     * @throws dev.hourglass.domain.error.InvalidInputException when the spec is malformed (missing or
     *         unknown kind, a missing field); an unusable value is answered in the preview instead
     */
    SchedulePreview preview(PreviewScheduleCommand command);
}
