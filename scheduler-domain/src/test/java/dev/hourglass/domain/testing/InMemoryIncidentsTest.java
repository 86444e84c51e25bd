package dev.hourglass.domain.testing;

import dev.hourglass.domain.port.out.IncidentStoreContract;

/** The incident contract against the in-memory store, which keeps nothing across restarts. */
class InMemoryIncidentsTest extends IncidentStoreContract<InMemoryStore> {

    @Override
    protected InMemoryStore createStore() {
        return new InMemoryStore();
    }
}
