package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.Job;

public interface EditJobUseCase {

    /**
     * Changes the fields the command names, keeping the job's id, status, counters and history; one
     * revision and one {@code update} audit entry per accepted edit. An edit that changes nothing
     * returns the stored job untouched. Refused with {@code precondition_failed} when the command
     * expects another revision than the stored one, with {@code duplicate_name} when another job
     * holds the new name, and with the create's codes for a field create would refuse.
     */
    Job edit(EditJobCommand command);
}
