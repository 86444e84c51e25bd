package dev.hourglass.app.reliability;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The bearer check compares fixed-length digests with {@link MessageDigest#isEqual}, which takes
 * the same time however many bytes match, and never compares the presented text itself. Checked on
 * the code path rather than by timing, so it cannot flake.
 */
class ConstantTimeTokenCheckTest {

    private static final JavaClasses HTTP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hourglass.http");

    static final ArchRule COMPARES_DIGESTS_IN_CONSTANT_TIME = classes().that().haveSimpleName("BearerAuth")
            .should().callMethod(MessageDigest.class, "isEqual", byte[].class, byte[].class)
            .because("CONTRACT §7: the token is compared in constant time");

    static final ArchRule NEVER_COMPARES_TEXT_OR_BYTES_EARLY_OUT = noClasses().that().haveSimpleName("BearerAuth")
            .should().callMethod(String.class, "equals", Object.class)
            .orShould().callMethod(String.class, "equalsIgnoreCase", String.class)
            .orShould().callMethod(String.class, "contentEquals", CharSequence.class)
            .orShould().callMethod(String.class, "compareTo", String.class)
            .orShould().callMethod(String.class, "startsWith", String.class)
            .orShould().callMethod(Arrays.class, "equals", byte[].class, byte[].class)
            .orShould().callMethod(Arrays.class, "mismatch", byte[].class, byte[].class)
            .because("these return at the first differing character, so their timing tells how much of a guess matched");

    @Test
    void the_bearer_check_compares_digests_in_constant_time() {
        COMPARES_DIGESTS_IN_CONSTANT_TIME.check(HTTP);
        NEVER_COMPARES_TEXT_OR_BYTES_EARLY_OUT.check(HTTP);
    }
}
