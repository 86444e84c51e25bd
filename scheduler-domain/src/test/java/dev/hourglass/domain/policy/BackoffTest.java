package dev.hourglass.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffTest {

    @ParameterizedTest(name = "error {0} waits {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # consecutive errors | wait
            1                    | PT30S
            2                    | PT1M
            3                    | PT5M
            4                    | PT15M
            5                    | PT60M
            6                    | PT60M
            9                    | PT60M
            2147483647           | PT60M
            """)
    void the_wait_climbs_the_ladder_and_stays_at_an_hour_from_the_fifth_error(int errors, Duration wait) {
        assertThat(Backoff.after(errors)).isEqualTo(wait);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void there_is_no_wait_before_the_first_error(int errors) {
        assertThatIllegalArgumentException().isThrownBy(() -> Backoff.after(errors))
                .withMessageContaining("at least 1");
    }
}
