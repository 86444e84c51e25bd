package dev.hourglass.domain.error;

import java.util.List;
import java.util.stream.Collectors;

/** A name that a stored job holds already (names are case-insensitive); {@link #names()} as they were asked for. */
public final class DuplicateNameException extends HourglassException {

    private final List<String> names;

    public DuplicateNameException(String name) {
        this(List.of(name));
    }

    /** Several names at once: those of a batch that stored jobs hold already, at least one. */
    public DuplicateNameException(List<String> names) {
        super(ErrorCode.DUPLICATE_NAME, message(names));
        this.names = List.copyOf(names);
    }

    public List<String> names() {
        return names;
    }

    private static String message(List<String> names) {
        if (names.size() == 1) {
            return "name: a job named '" + names.get(0) + "' already exists (names are case-insensitive)";
        }
        return "name: jobs named " + names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "))
                + " already exist (names are case-insensitive)";
    }
}
