package dev.hourglass.domain.testing;

import dev.hourglass.domain.port.out.IncidentStoreContract;

/** The incident contract against the in-memory store. */
class InMemoryIncidentsTest extends IncidentStoreContract<InMemoryStore> {

    @Override
    protected InMemoryStore createStore() {
        return new InMemoryStore();
    }

    /** The fake has no storage but itself: an engine restarted on it finds it as it was left. */
    @Override
    protected InMemoryStore reopened() {
        return store;
    }
}
