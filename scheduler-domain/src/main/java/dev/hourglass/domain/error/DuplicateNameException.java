package dev.hourglass.domain.error;

public final class DuplicateNameException extends HourglassException {

    public DuplicateNameException(String name) {
        super(ErrorCode.DUPLICATE_NAME, "name: a job named '" + name + "' already exists (names are case-insensitive)");
    }
}
