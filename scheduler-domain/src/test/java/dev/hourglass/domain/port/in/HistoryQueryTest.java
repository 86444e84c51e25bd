package dev.hourglass.domain.port.in;

import static dev.hourglass.domain.port.in.CreateJobCommandTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.model.JobId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HistoryQueryTest {

    private static final JobId JOB = JobId.of("job-1");

    @Test
    void without_a_limit_it_asks_for_twenty_entries() {
        assertThat(HistoryQuery.of(JOB, null).limit()).isEqualTo(20);
    }

    @ParameterizedTest(name = "limit {0} asks for {1}")
    @CsvSource({"1, 1", "20, 20", "99, 99", "100, 100", "101, 100", "2147483647, 100"})
    void a_limit_is_taken_up_to_a_hundred(int limit, int asked) {
        assertThat(HistoryQuery.of(JOB, limit).limit()).isEqualTo(asked);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void a_limit_that_is_not_positive_is_refused(int limit) {
        assertRefused(() -> HistoryQuery.of(JOB, limit), ErrorCode.INVALID_REQUEST, "limit",
                "limit must be a positive integer, got " + limit);
    }
}
