package dev.hourglass.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/**
 * Leaves out the test-jars that sibling modules publish for each other's tests (the store
 * contract, the PostgreSQL fixture): in a reactor build they arrive as jars, which
 * {@link ImportOption.DoNotIncludeTests} recognises only as {@code test-classes} folders.
 */
public final class DoNotIncludeTestJars implements ImportOption {

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar(!/.*)?");

    @Override
    public boolean includes(Location location) {
        return !location.matches(TEST_JAR);
    }
}
