package io.brickwork.agent.steps;

import io.brickwork.agent.system.FakeTicker;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Mode;
import java.time.Duration;
import java.util.Optional;

/** Shared set-up for step tests: fake time, a short poll interval, and the runner. */
final class StepTests {
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    static final Duration POLL = Duration.ofMillis(100);

    private StepTests() {}

    /** A request without a deadline: waits last one command timeout. */
    static StepContext context(FakeTicker ticker) {
        return new StepContext(ticker, Optional.empty(), COMMAND_TIMEOUT, INSTALL_TIMEOUT, POLL);
    }

    static StepContext context(FakeTicker ticker, Duration requestTimeout) {
        return new StepContext(ticker, Optional.of(ticker.now().plus(requestTimeout)), COMMAND_TIMEOUT,
                INSTALL_TIMEOUT, POLL);
    }

    static ActionResult apply(Step step) {
        return new StepRunner().run(step, Mode.MODE_APPLY);
    }

    static ActionResult check(Step step) {
        return new StepRunner().run(step, Mode.MODE_CHECK);
    }
}
