package dev.hourglass.domain.error;

/** No job names the dependency: it is unknown (CONTRACT §11.1). */
public final class DependencyNotFoundException extends HourglassException {

    public DependencyNotFoundException(String name) {
        super(ErrorCode.NOT_FOUND, "no job names the dependency '" + name + "'");
    }
}
