package io.brickwork.agent.system;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A scripted {@link CommandRunner} (k8s fake_exec style): each expected argv is answered in
 * order; an unexpected argv fails the test at once, and {@link #assertDone} fails on leftover
 * expectations. Every call is recorded.
 */
public final class RecordingCommandRunner implements CommandRunner {
    /** What to do for one expected command. */
    public static final class Expectation {
        private final List<String> argv;
        private Map<String, String> environment;
        private int exitCode;
        private String stdout = "";
        private String stderr = "";
        private boolean timeout;
        private Runnable sideEffect = () -> { };

        private Expectation(List<String> argv) {
            this.argv = List.copyOf(argv);
        }

        public Expectation exits(int code) {
            this.exitCode = code;
            return this;
        }

        public Expectation stdout(String text) {
            this.stdout = requireNonNull(text, "text is null");
            return this;
        }

        public Expectation stderr(String text) {
            this.stderr = requireNonNull(text, "text is null");
            return this;
        }

        /** The command runs past its timeout (after the side effect, if any: it may have worked). */
        public Expectation timesOut() {
            this.timeout = true;
            return this;
        }

        /** Only matches when the command gets exactly these extra environment variables. */
        public Expectation withEnvironment(Map<String, String> expected) {
            this.environment = Map.copyOf(expected);
            return this;
        }

        /** Runs when the command runs: how a fake command changes the (fake) world. */
        public Expectation does(Runnable effect) {
            this.sideEffect = requireNonNull(effect, "effect is null");
            return this;
        }
    }

    private final Deque<Expectation> expected = new ArrayDeque<>();
    private final List<List<String>> calls = new ArrayList<>();

    public synchronized Expectation expect(String... argv) {
        Expectation expectation = new Expectation(List.of(argv));
        expected.add(expectation);
        return expectation;
    }

    public synchronized Expectation expect(List<String> argv) {
        Expectation expectation = new Expectation(argv);
        expected.add(expectation);
        return expectation;
    }

    @Override
    public synchronized CommandResult run(List<String> argv, Map<String, String> environment, Duration timeout)
            throws CommandTimeoutException {
        calls.add(List.copyOf(argv));
        Expectation next = expected.poll();
        if (next == null) {
            throw new AssertionError("unexpected command " + argv + "; no more commands were expected");
        }
        if (!next.argv.equals(argv)) {
            throw new AssertionError("unexpected command " + argv + "; expected " + next.argv);
        }
        if (next.environment != null && !next.environment.equals(environment)) {
            throw new AssertionError("command " + argv + " got environment " + environment + "; expected "
                    + next.environment);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new AssertionError("command " + argv + " got no time to run: " + timeout);
        }
        next.sideEffect.run();
        if (next.timeout) {
            throw new CommandTimeoutException(argv, timeout, "");
        }
        return new CommandResult(argv, next.exitCode, next.stdout, next.stderr, Duration.ofMillis(1));
    }

    /** Every command run so far, in order. */
    public synchronized List<List<String>> calls() {
        return List.copyOf(calls);
    }

    public synchronized void assertDone() {
        if (!expected.isEmpty()) {
            List<List<String>> left = expected.stream().map(expectation -> expectation.argv).toList();
            throw new AssertionError("expected commands that never ran: " + left);
        }
    }
}
