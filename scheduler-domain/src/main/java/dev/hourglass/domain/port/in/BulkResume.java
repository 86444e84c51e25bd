package dev.hourglass.domain.port.in;

import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import java.util.List;
import java.util.Objects;

/**
 * What a bulk resume did, or with {@code dryRun} would do: the jobs resumed (as stored after, or as
 * they would be), and those that refused, each with the code a single resume would have answered.
 */
public record BulkResume(List<Job> resumed, List<Skipped> skipped, boolean dryRun) {

    public BulkResume {
        resumed = List.copyOf(resumed);
        skipped = List.copyOf(skipped);
    }

    /**
     * A matching job left as it was: {@code force_required}, {@code completed_is_final},
     * {@code already_active} (nothing to resume), {@code not_found} (an id the filter named that
     * no job has, its name null; or a job deleted meanwhile) or {@code concurrent_update}.
     */
    public record Skipped(JobId id, String name, ErrorCode code) {

        public Skipped {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(code, "code");
            if (name == null && code != ErrorCode.NOT_FOUND) {
                throw new IllegalArgumentException("only a job that was not found is skipped without a name");
            }
        }
    }
}
