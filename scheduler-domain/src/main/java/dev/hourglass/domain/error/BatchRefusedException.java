package dev.hourglass.domain.error;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A batch create refused as a whole (CONTRACT §13): nothing was stored, and {@link #items()} names
 * every job of the batch that was refused, by its index in the batch, with its own code and message.
 * The batch's code is {@link ErrorCode#DUPLICATE_NAME} when the only refusals are names that stored
 * jobs hold, {@link ErrorCode#INVALID_REQUEST} otherwise.
 */
public final class BatchRefusedException extends HourglassException {

    private final List<Item> items;

    private BatchRefusedException(ErrorCode code, String message, List<Item> items) {
        super(code, message);
        this.items = items;
    }

    /** Refuses the batch for {@code items}, at least one; their order is by index whatever it was given in. */
    public static BatchRefusedException of(ErrorCode code, List<Item> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a batch is refused for at least one of its jobs");
        }
        List<Item> byIndex = items.stream().sorted(Comparator.comparingInt(Item::index)).toList();
        int count = byIndex.size();
        String message = count + (count == 1 ? " job" : " jobs") + " of the batch refused, nothing created; first, job "
                + byIndex.get(0).index() + ": " + byIndex.get(0).message();
        return new BatchRefusedException(code, message, byIndex);
    }

    /** Each refused job of the batch, by index. */
    public List<Item> items() {
        return items;
    }

    /** Why the job at {@code index} (from 0, in the order the batch gave them) was refused. */
    public record Item(int index, ErrorCode code, String message) {

        public Item {
            if (index < 0) {
                throw new IllegalArgumentException("an index in a batch is never negative");
            }
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
