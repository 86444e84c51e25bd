package dev.hourglass.domain.testing;

import dev.hourglass.domain.port.out.JobStoreContract;

class InMemoryStoreTest extends JobStoreContract<InMemoryStore> {

    @Override
    protected InMemoryStore createStore() {
        return new InMemoryStore();
    }
}
