package dev.hourglass.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The hexagon, checked: each module depends only on what CONTRACT §1 allows, the adapters never
 * meet, they reach the domain only through its ports, and only {@code Main} names them.
 */
@AnalyzeClasses(packages = "dev.hourglass", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String DOMAIN = "dev.hourglass.domain..";
    private static final String PERSISTENCE = "dev.hourglass.persistence..";
    private static final String HTTP = "dev.hourglass.http..";
    private static final String APP = "dev.hourglass.app..";

    @ArchTest
    static final ArchRule domain_uses_only_the_jdk_and_cron_utils = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..", "com.cronutils..")
            .because("the domain is embedded in other applications and must not drag a framework along");

    @ArchTest
    static final ArchRule persistence_uses_only_the_domain_jdbi_and_sqlite = classes()
            .that().resideInAPackage(PERSISTENCE)
            .should().onlyDependOnClassesThat().resideInAnyPackage(PERSISTENCE, DOMAIN, "java..", "org.jdbi..",
                    "org.sqlite..", "org.slf4j..")
            .because("CONTRACT §1: persistence may depend on the domain, jdbi3-core and sqlite-jdbc");

    @ArchTest
    static final ArchRule http_uses_only_the_domain_javalin_and_jackson = classes()
            .that().resideInAPackage(HTTP)
            .should().onlyDependOnClassesThat().resideInAnyPackage(HTTP, DOMAIN, "java..", "io.javalin..",
                    "com.fasterxml.jackson..", "org.slf4j..", "org.eclipse.jetty..", "jakarta.servlet..", "kotlin..",
                    "org.jetbrains.annotations..")
            .because("CONTRACT §1: http may depend on the domain, Javalin (with its Jetty and Kotlin types) and Jackson");

    @ArchTest
    static final ArchRule http_and_persistence_never_depend_on_each_other = slices()
            .matching("dev.hourglass.(persistence|http)..")
            .should().notDependOnEachOther()
            .because("adapters are independent: either can be replaced without touching the other");

    @ArchTest
    static final ArchRule adapters_reach_the_domain_only_through_ports = noClasses()
            .that().resideInAnyPackage(PERSISTENCE, HTTP)
            .should().dependOnClassesThat().resideInAnyPackage("dev.hourglass.domain.service..",
                    "dev.hourglass.domain.engine..", "dev.hourglass.domain.policy..", "dev.hourglass.domain.testing..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.hourglass.domain.Hourglass")
            .because("adapters speak to the domain through port.in use cases and port.out interfaces and their types");

    @ArchTest
    static final ArchRule only_main_names_the_concrete_adapters = noClasses()
            .that().resideInAPackage(APP)
            .and().doNotHaveFullyQualifiedName("dev.hourglass.app.Main")
            .and().resideOutsideOfPackage("dev.hourglass.app.bench..")
            .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE, HTTP)
            .because("Main is the composition root (the benchmark, a second entry point, measures the real store)");

    @ArchTest
    static final ArchRule nothing_depends_on_the_app = noClasses()
            .that().resideInAnyPackage(DOMAIN, PERSISTENCE, HTTP)
            .should().dependOnClassesThat().resideInAPackage(APP);

    @ArchTest
    static final ArchRule modules_are_free_of_cycles = slices()
            .matching("dev.hourglass.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domain_packages_are_free_of_cycles = slices()
            .matching("dev.hourglass.domain.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule no_generic_exceptions = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    @ArchTest
    static final ArchRule no_java_util_logging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @ArchTest
    static final ArchRule no_field_injection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

    @ArchTest
    static final ArchRule no_standard_streams_outside_the_entry_point = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.hourglass.app.Main")
            .and().resideOutsideOfPackage("dev.hourglass.app.bench..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("everything else logs through SLF4J or System.Logger");
}
