package dev.hourglass.domain.testing;

import dev.hourglass.domain.port.out.DependenciesContract;

class InMemoryDependenciesTest extends DependenciesContract<InMemoryStore> {

    @Override
    protected InMemoryStore createStore() {
        return new InMemoryStore();
    }
}
