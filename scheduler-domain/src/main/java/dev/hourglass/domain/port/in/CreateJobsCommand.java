package dev.hourglass.domain.port.in;

import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A batch of 1 to {@value #MAX_JOBS} jobs to create together, all or none (CONTRACT §13). Each
 * item is a valid {@link CreateJobCommand} or the refusal that came instead of one (a wrong JSON
 * type, a field its command refused): the batch goes on being checked, so that its refusal can
 * name every bad job at once, by its index.
 */
public record CreateJobsCommand(List<Item> items) {

    public static final int MAX_JOBS = 1000;

    public CreateJobsCommand {
        items = List.copyOf(items);
        if (items.isEmpty() || items.size() > MAX_JOBS) {
            throw new InvalidInputException("jobs", "jobs must hold 1 to " + MAX_JOBS + " jobs, got " + items.size());
        }
    }

    /** A batch of commands, all valid. */
    public static CreateJobsCommand of(List<CreateJobCommand> commands) {
        Builder batch = builder();
        commands.forEach(batch::add);
        return batch.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One job of the batch. */
    public sealed interface Item permits Valid, Refused {
    }

    public record Valid(CreateJobCommand command) implements Item {

        public Valid {
            Objects.requireNonNull(command, "command");
        }
    }

    /** A job refused before it became a command, with the code and message of that refusal. */
    public record Refused(ErrorCode code, String message) implements Item {

        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        /** The refusal of a field; the message names the field, as a single create's would. */
        public static Refused of(InvalidInputException e) {
            String message = e.getMessage().contains(e.field()) ? e.getMessage() : e.field() + ": " + e.getMessage();
            return new Refused(e.code(), message);
        }
    }

    /** The items in their order; build once every job of the batch was added. */
    public static final class Builder {

        private final List<Item> items = new ArrayList<>();

        private Builder() {
        }

        public Builder add(CreateJobCommand command) {
            items.add(new Valid(command));
            return this;
        }

        /** The command {@code command} makes, or the refusal of a field that it throws instead. */
        public Builder add(Supplier<CreateJobCommand> command) {
            try {
                return add(command.get());
            } catch (InvalidInputException e) {
                return refuse(e);
            }
        }

        /** A job whose field was refused before its command was built. */
        public Builder refuse(InvalidInputException e) {
            items.add(Refused.of(e));
            return this;
        }

        /** A job the caller refused itself, for {@code message} (an {@code invalid_request}). */
        public Builder refuse(String message) {
            items.add(new Refused(ErrorCode.INVALID_REQUEST, message));
            return this;
        }

        public int size() {
            return items.size();
        }

        /** @throws InvalidInputException naming {@code jobs} when the batch holds no job or more than {@value #MAX_JOBS} */
        public CreateJobsCommand build() {
            return new CreateJobsCommand(items);
        }
    }
}
