package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.Job;

public interface CreateJobUseCase {

    /** Creates an active job with its {@code create} audit entry; refuses a schedule that would never fire. */
    Job create(CreateJobCommand command);
}
