package dev.hourglass.http;

import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.port.out.TaskRequest;
import dev.hourglass.domain.port.out.TaskRunner;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A task runner the test controls: what the next runs report, and which requests it saw. */
final class FakeRunner implements TaskRunner {

    private volatile Function<TaskRequest, RunOutcome> behaviour = request -> RunOutcome.ok("done");
    private final List<TaskRequest> requests = new CopyOnWriteArrayList<>();

    void succeedWith(String output) {
        behaviour = request -> RunOutcome.ok(output);
    }

    void failWith(String error) {
        behaviour = request -> RunOutcome.failed(error);
    }

    void behave(Function<TaskRequest, RunOutcome> value) {
        behaviour = value;
    }

    List<TaskRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public RunOutcome run(TaskRequest request) {
        requests.add(request);
        return behaviour.apply(request);
    }
}
