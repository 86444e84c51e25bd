package dev.hourglass.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.port.out.JobStoreContract;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The positional row of a batch insert keeps step with the columns: a column added to one must reach the other. */
class JobColumnsTest {

    static java.util.stream.Stream<Job> jobs() {
        return JobStoreContract.sampleJobs();
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("jobs")
    void a_row_holds_one_value_per_column(Job job) {
        for (SqlValues values : SqlValues.values()) {
            assertThat(JobColumns.row(job, values)).hasSize(JobColumns.NAMES.size());
        }
        assertThat(JobColumns.INSERT_POSITIONAL.chars().filter(c -> c == '?').count())
                .isEqualTo(JobColumns.NAMES.size());
    }
}
