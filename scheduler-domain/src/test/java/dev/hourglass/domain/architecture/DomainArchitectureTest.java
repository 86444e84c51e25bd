package dev.hourglass.domain.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.hourglass.domain.Hourglass;
import dev.hourglass.domain.RandomIds;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/**
 * The domain stays pure: the JDK and cron-utils only, no cycles, no hidden clock or randomness.
 * {@link DomainArchitectureTestFixturesTest} sees each rule fail on a deliberately bad class.
 */
@AnalyzeClasses(packages = "dev.hourglass.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainArchitectureTest {

    private static final String DOMAIN = "dev.hourglass.domain..";

    @ArchTest
    static final ArchRule domain_depends_only_on_the_jdk_and_cron_utils = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..", "com.cronutils..")
            .because("the domain is embedded in other applications and must not drag a framework along")
            .allowEmptyShould(false);

    /** One slice per package, so that {@code port.in} and {@code port.out} are two slices, not one {@code port}. */
    @ArchTest
    static final ArchRule domain_packages_are_free_of_cycles = slices()
            .matching("dev.hourglass.(domain..)")
            .should().beFreeOfCycles()
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule time_comes_from_the_injected_clock = noClasses()
            .that().resideInAPackage(DOMAIN)
            .should().accessTargetWhere(readingTheWallClock())
            .because("time is a parameter: tests move a ManualClock instead of sleeping")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule only_the_facade_defaults_to_the_system_clock = noClasses()
            .that().resideInAPackage(DOMAIN)
            .and().doNotBelongToAnyOf(Hourglass.class)
            .should().accessTargetWhere(makingASystemClock())
            .because("the builder's default clock is the one system clock; everything else is handed a Clock")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule ids_come_from_the_injected_supplier = noClasses()
            .that().resideInAPackage(DOMAIN)
            .and().doNotBelongToAnyOf(RandomIds.class)
            .should().callMethod(UUID.class, "randomUUID")
            .because("ids are a parameter; RandomIds is the one default an embedder gets")
            .allowEmptyShould(false);

    /** Calls and method references alike ({@code Instant::now} is as hidden as {@code Instant.now()}). */
    private static DescribedPredicate<JavaAccess<?>> readingTheWallClock() {
        return DescribedPredicate.describe("a now() of java.time without a Clock, or System.currentTimeMillis()",
                access -> {
                    AccessTarget target = access.getTarget();
                    if (target.getOwner().isEquivalentTo(System.class)) {
                        return target.getName().equals("currentTimeMillis");
                    }
                    return target.getOwner().getPackageName().equals("java.time")
                            && target.getName().equals("now")
                            && !takesAClock(target);
                });
    }

    private static DescribedPredicate<JavaAccess<?>> makingASystemClock() {
        Set<String> systemClocks = Set.of("systemUTC", "systemDefaultZone", "system", "tickMillis", "tickSeconds",
                "tickMinutes");
        return DescribedPredicate.describe("a system clock of java.time.Clock",
                access -> access.getTarget().getOwner().isEquivalentTo(Clock.class)
                        && systemClocks.contains(access.getTarget().getName()));
    }

    private static boolean takesAClock(AccessTarget target) {
        return target instanceof CodeUnitAccessTarget codeUnit
                && codeUnit.getRawParameterTypes().stream().anyMatch(type -> type.isEquivalentTo(Clock.class));
    }
}
