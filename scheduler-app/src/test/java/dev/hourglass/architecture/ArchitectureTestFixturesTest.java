package dev.hourglass.architecture;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.hourglass.app.archfixture.CalledBackByTheDomain;
import dev.hourglass.app.archfixture.HasAnInjectedField;
import dev.hourglass.app.archfixture.LogsThroughJavaUtilLogging;
import dev.hourglass.app.archfixture.PrintsToStandardOut;
import dev.hourglass.app.archfixture.ThrowsAGenericException;
import dev.hourglass.app.archfixture.WiringOutsideMain;
import dev.hourglass.domain.archfixture.CallsBackIntoTheApp;
import dev.hourglass.domain.archfixture.JobWithAJacksonAnnotation;
import dev.hourglass.domain.port.in.archfixture.InPortThatNamesAnOutPort;
import dev.hourglass.domain.port.out.archfixture.OutPortThatNamesAnInPort;
import dev.hourglass.http.archfixture.RouteThatCallsIntoTheApp;
import dev.hourglass.http.archfixture.RouteThatNamesTheStore;
import dev.hourglass.http.archfixture.RouteThatOpensTheDatabase;
import dev.hourglass.http.archfixture.RouteThatReadsTheStore;
import dev.hourglass.persistence.archfixture.StoreThatCallsAUseCase;
import dev.hourglass.persistence.archfixture.StoreThatSpeaksJson;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of {@link ArchitectureTest} seen failing: each is evaluated on the deliberately bad
 * classes in the {@code archfixture} packages of the test sources and must report the first of
 * them, and on no classes at all, where it must refuse to pass. A rule added without a fixture
 * fails here.
 */
class ArchitectureTestFixturesTest {

    /** Each rule by field name, and the classes to import for it; the first is the one that breaks it. */
    private static final Map<String, List<Class<?>>> FIXTURES = Map.ofEntries(
            entry("domain_uses_only_the_jdk_and_cron_utils", List.of(JobWithAJacksonAnnotation.class)),
            entry("persistence_uses_only_the_domain_jdbi_and_sqlite", List.of(StoreThatSpeaksJson.class)),
            entry("sqlite_and_postgres_share_only_the_jdbc_mapping",
                    List.of(dev.hourglass.persistence.sqlite.archfixture.SqliteThatBorrowsFromPostgres.class,
                            dev.hourglass.persistence.postgres.archfixture.PostgresHelper.class)),
            entry("the_jdbc_mapping_names_no_driver",
                    List.of(dev.hourglass.persistence.jdbc.archfixture.MapperThatNamesSqlite.class)),
            entry("http_uses_only_the_domain_javalin_and_jackson", List.of(RouteThatOpensTheDatabase.class)),
            entry("http_and_persistence_never_depend_on_each_other",
                    List.of(RouteThatNamesTheStore.class, StoreThatSpeaksJson.class)),
            entry("http_reaches_the_domain_only_through_in_ports_and_their_values",
                    List.of(RouteThatReadsTheStore.class)),
            entry("persistence_reaches_the_domain_only_through_out_ports_and_their_values",
                    List.of(StoreThatCallsAUseCase.class)),
            entry("only_main_names_the_concrete_adapters", List.of(WiringOutsideMain.class)),
            entry("nothing_depends_on_the_app", List.of(RouteThatCallsIntoTheApp.class)),
            entry("modules_are_free_of_cycles", List.of(CallsBackIntoTheApp.class, CalledBackByTheDomain.class)),
            entry("domain_packages_are_free_of_cycles",
                    List.of(InPortThatNamesAnOutPort.class, OutPortThatNamesAnInPort.class)),
            entry("no_generic_exceptions", List.of(ThrowsAGenericException.class)),
            entry("no_java_util_logging", List.of(LogsThroughJavaUtilLogging.class)),
            entry("no_field_injection", List.of(HasAnInjectedField.class)),
            entry("no_standard_streams_outside_the_entry_point", List.of(PrintsToStandardOut.class)));

    static Stream<Arguments> rules() {
        return Arrays.stream(ArchitectureTest.class.getDeclaredFields())
                .filter(field -> field.isAnnotationPresent(ArchTest.class))
                .map(field -> Arguments.of(field.getName(), read(field)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void each_rule_reports_its_fixture(String name, ArchRule rule) {
        List<Class<?>> fixture = FIXTURES.get(name);
        assertThat(fixture).as("fixture classes for rule %s", name).isNotNull();

        EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(fixture));

        assertThat(result.hasViolation()).as("%s reports a violation", name).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .as("%s names %s", name, fixture.get(0).getSimpleName())
                .anyMatch(line -> line.contains(fixture.get(0).getName()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void each_rule_refuses_to_pass_over_nothing(String name, ArchRule rule) {
        JavaClasses nothing = new ClassFileImporter().importClasses(List.of());

        assertThatThrownBy(() -> rule.evaluate(nothing))
                .as("%s over no classes", name)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes");
    }

    @Test
    void every_fixture_belongs_to_a_rule() {
        List<String> ruleNames = rules().map(arguments -> (String) arguments.get()[0]).toList();

        assertThat(ruleNames).containsExactlyInAnyOrderElementsOf(FIXTURES.keySet());
    }

    @Test
    void the_architecture_test_never_sees_a_fixture() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(new com.tngtech.archunit.core.importer.ImportOption.DoNotIncludeTests())
                .withImportOption(new DoNotIncludeTestJars())
                .importPackages("dev.hourglass");

        assertThat(production.stream().map(javaClass -> javaClass.getPackageName()))
                .isNotEmpty()
                .noneMatch(packageName -> packageName.contains("archfixture"));
        assertThat(production.stream().map(javaClass -> javaClass.getSimpleName()))
                .as("the sibling modules' test-jars (the PostgreSQL fixture, the store contract) are not production")
                .doesNotContain("TestPostgres", "JobStoreContract")
                .contains("PostgresStore", "SqliteStore");
    }

    private static ArchRule read(Field field) {
        assertThat(Modifier.isStatic(field.getModifiers())).as("%s is static", field.getName()).isTrue();
        try {
            return (ArchRule) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read rule " + field.getName(), e);
        }
    }
}
