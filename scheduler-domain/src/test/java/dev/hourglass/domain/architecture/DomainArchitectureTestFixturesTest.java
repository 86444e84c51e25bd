package dev.hourglass.domain.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.hourglass.domain.archfixture.CallsRandomUuid;
import dev.hourglass.domain.archfixture.HiddenClocks;
import dev.hourglass.domain.archfixture.LogsThroughSlf4j;
import dev.hourglass.domain.port.in.archfixture.UseCaseThatNamesAStore;
import dev.hourglass.domain.port.out.archfixture.StoreThatNamesAUseCase;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of {@link DomainArchitectureTest} seen failing: on the deliberately bad classes in the
 * {@code archfixture} packages of the test sources (each must be named in the report), and on no
 * classes at all. A rule added without a fixture fails here.
 */
class DomainArchitectureTestFixturesTest {

    /** A rule, the classes to import for it, and the one of them the report must name. */
    record Breach(String rule, List<Class<?>> imported, Class<?> culprit) {
        Breach(String rule, Class<?> culprit) {
            this(rule, List.of(culprit), culprit);
        }

        @Override
        public String toString() {
            return rule + " <- " + culprit.getSimpleName();
        }
    }

    static Stream<Breach> breaches() {
        return Stream.of(
                new Breach("domain_depends_only_on_the_jdk_and_cron_utils", LogsThroughSlf4j.class),
                new Breach("domain_packages_are_free_of_cycles",
                        List.of(UseCaseThatNamesAStore.class, StoreThatNamesAUseCase.class),
                        UseCaseThatNamesAStore.class),
                new Breach("time_comes_from_the_injected_clock", HiddenClocks.InstantNow.class),
                new Breach("time_comes_from_the_injected_clock", HiddenClocks.InstantNowReference.class),
                new Breach("time_comes_from_the_injected_clock", HiddenClocks.CurrentTimeMillis.class),
                new Breach("time_comes_from_the_injected_clock", HiddenClocks.LocalDateTimeNowInAZone.class),
                new Breach("only_the_facade_defaults_to_the_system_clock", HiddenClocks.SystemClock.class),
                new Breach("ids_come_from_the_injected_supplier", CallsRandomUuid.class));
    }

    static Stream<Arguments> rules() {
        return rulesByName().entrySet().stream().map(rule -> Arguments.of(rule.getKey(), rule.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breaches")
    void each_rule_reports_its_fixture(Breach breach) {
        ArchRule rule = rulesByName().get(breach.rule());

        EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(breach.imported()));

        assertThat(result.hasViolation()).as("%s reports a violation", breach).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .as("%s names the culprit", breach)
                .anyMatch(line -> line.contains(breach.culprit().getName()));
    }

    @Test
    void the_clock_rules_let_a_handed_clock_through() {
        JavaClasses handed = new ClassFileImporter().importClasses(HiddenClocks.GivenClock.class);

        assertThat(DomainArchitectureTest.time_comes_from_the_injected_clock.evaluate(handed).hasViolation()).isFalse();
        assertThat(DomainArchitectureTest.only_the_facade_defaults_to_the_system_clock.evaluate(handed).hasViolation())
                .isFalse();
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
    void every_rule_has_a_fixture() {
        assertThat(breaches().map(Breach::rule).distinct()).containsExactlyInAnyOrderElementsOf(rulesByName().keySet());
    }

    private static Map<String, ArchRule> rulesByName() {
        return Arrays.stream(DomainArchitectureTest.class.getDeclaredFields())
                .filter(field -> field.isAnnotationPresent(ArchTest.class))
                .collect(java.util.stream.Collectors.toMap(Field::getName, DomainArchitectureTestFixturesTest::read));
    }

    private static ArchRule read(Field field) {
        try {
            return (ArchRule) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read rule " + field.getName(), e);
        }
    }
}
