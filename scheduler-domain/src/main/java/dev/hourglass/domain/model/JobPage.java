package dev.hourglass.domain.model;

import java.util.List;
import java.util.Optional;

/**
 * One page of a {@link JobQuery}, newest first. {@code nextCursor} is an opaque token for the page
 * after it, null on the last page; paging on with it neither skips nor repeats a job that existed
 * throughout, whatever was created or deleted meanwhile.
 */
public record JobPage(List<Job> jobs, String nextCursor) {

    public JobPage {
        jobs = List.copyOf(jobs);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }
}
