package dev.hourglass.persistence;

import dev.hourglass.domain.model.Job;

/** A row of the jobs table: the job, or the reason it cannot be read. */
record JobRow(String id, Job job, String problem) {

    static JobRow readable(Job job) {
        return new JobRow(job.id().value(), job, null);
    }

    static JobRow unreadable(String id, String problem) {
        return new JobRow(id, null, problem);
    }

    boolean isReadable() {
        return job != null;
    }
}
