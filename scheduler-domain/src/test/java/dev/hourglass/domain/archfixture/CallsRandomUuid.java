package dev.hourglass.domain.archfixture;

import java.util.UUID;

/** Breaks {@code ids_come_from_the_injected_supplier}: an id made up on the spot instead of supplied. */
public final class CallsRandomUuid {

    public String newId() {
        return UUID.randomUUID().toString();
    }
}
