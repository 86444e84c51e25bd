package dev.hourglass.domain.testing;

import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.port.out.TaskRequest;
import dev.hourglass.domain.port.out.TaskRunner;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A task runner whose answers the test decides, and which remembers every request it got. */
public final class ScriptedRunner implements TaskRunner {

    private final List<TaskRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Function<TaskRequest, RunOutcome> script = request -> RunOutcome.ok("done: " + request.task());

    public ScriptedRunner succeeding() {
        script = request -> RunOutcome.ok("done: " + request.task());
        return this;
    }

    public ScriptedRunner failingWith(String error) {
        script = request -> RunOutcome.failed(error);
        return this;
    }

    public ScriptedRunner answering(Function<TaskRequest, RunOutcome> answer) {
        script = answer;
        return this;
    }

    @Override
    public RunOutcome run(TaskRequest request) {
        requests.add(request);
        return script.apply(request);
    }

    public List<TaskRequest> requests() {
        return List.copyOf(requests);
    }

    public List<String> jobNames() {
        return requests.stream().map(TaskRequest::jobName).toList();
    }
}
