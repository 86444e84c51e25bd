package dev.hourglass.domain.port.in;

public interface ResumeJobsUseCase {

    /**
     * Resumes each job {@code command.filter()} matches under the rules of a single resume, each in
     * its own transaction, audited like one with a detail naming the bulk resume; jobs that refuse are
     * listed, not failed on. With {@code dryRun} nothing changes.
     *
     * @throws dev.hourglass.domain.error.InvalidInputException naming {@code filter.incident} for an
     *         unknown incident
     */
    BulkResume resumeAll(ResumeJobsCommand command);
}
