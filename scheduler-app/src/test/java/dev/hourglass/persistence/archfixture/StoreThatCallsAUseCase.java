package dev.hourglass.persistence.archfixture;

import dev.hourglass.domain.port.in.CreateJobUseCase;

/**
 * Breaks {@code persistence_reaches_the_domain_only_through_out_ports_and_their_values}: a store
 * adapter implements out-ports; it has no business calling a use case.
 */
public final class StoreThatCallsAUseCase {

    private final CreateJobUseCase create;

    public StoreThatCallsAUseCase(CreateJobUseCase create) {
        this.create = create;
    }

    public CreateJobUseCase create() {
        return create;
    }
}
