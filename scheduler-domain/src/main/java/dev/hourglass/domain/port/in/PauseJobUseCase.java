package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.Job;

public interface PauseJobUseCase {

    /** Pauses an active job; pausing a paused job changes nothing. Failed and completed jobs refuse. */
    Job pause(PauseJobCommand command);
}
