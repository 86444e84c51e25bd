package dev.hourglass.domain.engine;

import dev.hourglass.domain.port.out.SchedulerStore;
import dev.hourglass.domain.testing.InMemoryStore;

class InMemoryMultiEngineTest extends MultiEngineContract {

    @Override
    protected SchedulerStore createStore() {
        return new InMemoryStore();
    }
}
