package io.brickwork.agent.report;

import io.brickwork.agent.system.CommandResult;
import io.brickwork.agent.system.CommandRunner;
import io.brickwork.agent.system.CommandTimeoutException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A {@link CommandRunner} for readers that run on several threads at once: each argv has a
 * standing answer (order between threads is not fixed, so an ordered script would be flaky),
 * every call is recorded, and an argv nobody scripted fails loudly. An answer may block on a
 * latch to play a slow glusterd, and may write a file as it returns, as {@code gluster get-state}
 * has glusterd do.
 */
final class ScriptedCommandRunner implements CommandRunner {
    private record Answer(String stdout, int exitCode, CountDownLatch gate, boolean timesOut, Duration delay) {}

    private final Map<List<String>, Answer> answers = new ConcurrentHashMap<>();
    private final Map<List<String>, Map.Entry<Path, String>> writes = new ConcurrentHashMap<>();
    private final List<List<String>> calls = new ArrayList<>();

    ScriptedCommandRunner answer(List<String> argv, String stdout) {
        answers.put(List.copyOf(argv), new Answer(stdout, 0, null, false, Duration.ZERO));
        return this;
    }

    /** The command exits with {@code exitCode}, printing {@code stdout}. */
    ScriptedCommandRunner exit(List<String> argv, int exitCode, String stdout) {
        answers.put(List.copyOf(argv), new Answer(stdout, exitCode, null, false, Duration.ZERO));
        return this;
    }

    /** The command runs past its timeout and is killed, as the real runner reports it. */
    ScriptedCommandRunner timeOut(List<String> argv) {
        answers.put(List.copyOf(argv), new Answer("", -1, null, true, Duration.ZERO));
        return this;
    }

    /** Every call takes {@code delay}, like a glusterd that answers, but slowly. */
    ScriptedCommandRunner slow(List<String> argv, Duration delay, String stdout) {
        answers.put(List.copyOf(argv), new Answer(stdout, 0, null, false, delay));
        return this;
    }

    /** The command does not return until {@code gate} opens. */
    ScriptedCommandRunner blockUntil(List<String> argv, CountDownLatch gate, String stdout) {
        answers.put(List.copyOf(argv), new Answer(stdout, 0, gate, false, Duration.ZERO));
        return this;
    }

    /** Every successful call of {@code argv}, however it is answered, also writes {@code content} to {@code file}. */
    ScriptedCommandRunner writes(List<String> argv, Path file, String content) {
        writes.put(List.copyOf(argv), Map.entry(file, content));
        return this;
    }

    @Override
    public CommandResult run(List<String> argv, Map<String, String> environment, Duration timeout)
            throws CommandTimeoutException {
        synchronized (calls) {
            calls.add(List.copyOf(argv));
        }
        Answer answer = answers.get(argv);
        if (answer == null) {
            throw new AssertionError("unexpected command " + argv);
        }
        if (answer.timesOut()) {
            throw new CommandTimeoutException(argv, timeout, "");
        }
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (answer.gate() != null) {
            try {
                answer.gate().await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map.Entry<Path, String> write = writes.get(argv);
        if (write != null && answer.exitCode() == 0) {
            try {
                Files.writeString(write.getKey(), write.getValue());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new CommandResult(argv, answer.exitCode(), answer.stdout(), "", Duration.ofMillis(1));
    }

    List<List<String>> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    long count(List<String> argv) {
        return calls().stream().filter(argv::equals).count();
    }
}
