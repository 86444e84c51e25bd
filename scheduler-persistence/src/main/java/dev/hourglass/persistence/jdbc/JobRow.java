package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.model.Job;

/** A row of the jobs table: the job, or the reason it cannot be read. */
public record JobRow(String id, Job job, String problem) {

    public static JobRow readable(Job job) {
        return new JobRow(job.id().value(), job, null);
    }

    public static JobRow unreadable(String id, String problem) {
        return new JobRow(id, null, problem);
    }

    public boolean isReadable() {
        return job != null;
    }
}
