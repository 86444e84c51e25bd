package dev.hourglass.domain.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.hourglass.domain.RandomIds;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;

/** The domain stays pure: the JDK and cron-utils only, no cycles, no hidden clock or randomness. */
@AnalyzeClasses(packages = "dev.hourglass.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainArchitectureTest {

    @ArchTest
    static final ArchRule domain_depends_only_on_the_jdk_and_cron_utils = classes()
            .that().resideInAPackage("dev.hourglass.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.hourglass.domain..", "java..", "com.cronutils..")
            .because("the domain is embedded in other applications and must not drag a framework along");

    @ArchTest
    static final ArchRule domain_packages_are_free_of_cycles = slices()
            .matching("dev.hourglass.domain.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule time_comes_from_the_injected_clock = noClasses()
            .that().resideInAPackage("dev.hourglass.domain..")
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(LocalDate.class, "now")
            .because("time is a parameter: tests move a ManualClock instead of sleeping");

    @ArchTest
    static final ArchRule ids_come_from_the_injected_supplier = noClasses()
            .that().resideInAPackage("dev.hourglass.domain..")
            .and().doNotBelongToAnyOf(RandomIds.class)
            .should().callMethod(UUID.class, "randomUUID")
            .because("ids are a parameter; RandomIds is the one default an embedder gets");
}
