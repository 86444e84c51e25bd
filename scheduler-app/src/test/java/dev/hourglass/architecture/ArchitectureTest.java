package dev.hourglass.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
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
 *
 * <p>Production classes only: the deliberately bad classes that {@link ArchitectureTestFixturesTest}
 * shows each rule failing on live in test sources, which {@link ImportOption.DoNotIncludeTests}
 * keeps out of here. Every rule also fails when it finds no class to check, so a renamed package
 * cannot turn a rule into one that passes over nothing.
 */
@AnalyzeClasses(packages = "dev.hourglass", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class ArchitectureTest {

    private static final String DOMAIN = "dev.hourglass.domain..";
    private static final String PERSISTENCE = "dev.hourglass.persistence..";
    private static final String HTTP = "dev.hourglass.http..";
    private static final String APP = "dev.hourglass.app..";

    /** The domain's value types that both adapters map: jobs, runs and audit entries, schedules, typed errors. */
    private static final String[] DOMAIN_VALUES = {
        "dev.hourglass.domain.model..", "dev.hourglass.domain.schedule..", "dev.hourglass.domain.error.."};

    @ArchTest
    static final ArchRule domain_uses_only_the_jdk_and_cron_utils = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..", "com.cronutils..")
            .because("the domain is embedded in other applications and must not drag a framework along")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule persistence_uses_only_the_domain_jdbi_and_sqlite = classes()
            .that().resideInAPackage(PERSISTENCE)
            .should().onlyDependOnClassesThat().resideInAnyPackage(PERSISTENCE, DOMAIN, "java..", "javax.sql..",
                    "org.jdbi..", "org.sqlite..", "org.slf4j..", "org.postgresql..", "com.zaxxer.hikari..",
                    "org.flywaydb..")
            .because("CONTRACT §1: persistence may depend on the domain, jdbi3-core and sqlite-jdbc, and optionally"
                    + " on PostgreSQL's driver, a pool and a migration tool")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule sqlite_and_postgres_share_only_the_jdbc_mapping = slices()
            .matching("dev.hourglass.persistence.(sqlite|postgres)..").namingSlices("$1")
            .should().notDependOnEachOther()
            .because("STYLE round 2: the two stores share row mappers and binders (persistence.jdbc), no concurrency code")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule the_jdbc_mapping_names_no_driver = noClasses()
            .that().resideInAPackage("dev.hourglass.persistence.jdbc..")
            .should().dependOnClassesThat().resideInAnyPackage("org.sqlite..", "org.postgresql..", "com.zaxxer..",
                    "org.flywaydb..", "dev.hourglass.persistence.sqlite..", "dev.hourglass.persistence.postgres..")
            .because("the shared mapping must work on both databases, so an embedder on SQLite never loads PostgreSQL")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule http_uses_only_the_domain_javalin_and_jackson = classes()
            .that().resideInAPackage(HTTP)
            .should().onlyDependOnClassesThat().resideInAnyPackage(HTTP, DOMAIN, "java..", "io.javalin..",
                    "com.fasterxml.jackson..", "org.slf4j..", "org.eclipse.jetty..", "jakarta.servlet..", "kotlin..",
                    "org.jetbrains.annotations..")
            .because("CONTRACT §1: http may depend on the domain, Javalin (with its Jetty and Kotlin types) and Jackson")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule http_and_persistence_never_depend_on_each_other = slices()
            .matching("dev.hourglass.(persistence|http)..")
            .should().notDependOnEachOther()
            .because("adapters are independent: either can be replaced without touching the other")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule http_reaches_the_domain_only_through_in_ports_and_their_values = classes()
            .that().resideInAPackage(HTTP)
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(DOMAIN)
                    .or(resideInAnyPackage("dev.hourglass.domain.port.in.."))
                    .or(resideInAnyPackage(DOMAIN_VALUES)))
            .because("the http adapter drives the domain: it calls use cases and maps the values they take and "
                    + "return, never an out-port (store, runner, notifier), the engine, a service or the facade")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule persistence_reaches_the_domain_only_through_out_ports_and_their_values = classes()
            .that().resideInAPackage(PERSISTENCE)
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(DOMAIN)
                    .or(resideInAnyPackage("dev.hourglass.domain.port.out.."))
                    .or(resideInAnyPackage(DOMAIN_VALUES)))
            .because("a store is driven by the domain: it implements out-ports over the domain's values and never "
                    + "calls a use case, the engine, a service or the facade")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule only_main_names_the_concrete_adapters = noClasses()
            .that().resideInAPackage(APP)
            .and().doNotHaveFullyQualifiedName("dev.hourglass.app.Main")
            .and().resideOutsideOfPackage("dev.hourglass.app.bench..")
            .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE, HTTP)
            .because("Main is the composition root (the benchmark, a second entry point, measures the real store)")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule nothing_depends_on_the_app = noClasses()
            .that().resideInAnyPackage(DOMAIN, PERSISTENCE, HTTP)
            .should().dependOnClassesThat().resideInAPackage(APP)
            .because("the app is the composition root: it knows everything and nothing knows it")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule modules_are_free_of_cycles = slices()
            .matching("dev.hourglass.(*)..")
            .should().beFreeOfCycles()
            .allowEmptyShould(false);

    /**
     * One slice per package ({@code (domain..)} captures the whole package name), so that
     * {@code port.in} and {@code port.out} are separate slices, and so is the facade's root package.
     */
    @ArchTest
    static final ArchRule domain_packages_are_free_of_cycles = slices()
            .matching("dev.hourglass.(domain..)")
            .should().beFreeOfCycles()
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule no_generic_exceptions =
            GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.allowEmptyShould(false);

    @ArchTest
    static final ArchRule no_java_util_logging =
            GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.allowEmptyShould(false);

    @ArchTest
    static final ArchRule no_field_injection =
            GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION.allowEmptyShould(false);

    @ArchTest
    static final ArchRule no_standard_streams_outside_the_entry_point = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.hourglass.app.Main")
            .and().resideOutsideOfPackage("dev.hourglass.app.bench..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("everything else logs through SLF4J or System.Logger")
            .allowEmptyShould(false);
}
