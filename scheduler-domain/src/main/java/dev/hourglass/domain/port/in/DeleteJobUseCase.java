package dev.hourglass.domain.port.in;

public interface DeleteJobUseCase {

    /** Deletes the job and its run history; its audit trail stays readable, ending in {@code delete}. */
    void delete(DeleteJobCommand command);
}
