package dev.hourglass.domain.port.in;

public interface ListInstancesUseCase {

    /** The instances sharing the store (dead ones for 24 hours), the living first, each with its runs under way. */
    ClusterView instances();
}
