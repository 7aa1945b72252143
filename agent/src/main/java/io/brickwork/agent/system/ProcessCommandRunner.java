package io.brickwork.agent.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The real {@link CommandRunner}. Output goes to temporary files rather than pipes: a pipe
 * needs a reader thread per stream, and a daemon forked by the command (mount.glusterfs starts
 * the fuse client) could hold a pipe open forever; a file can never block either side. Shells
 * are refused outright ({@link ShellNotAllowedException}), whatever their arguments.
 */
public final class ProcessCommandRunner implements CommandRunner {
    private static final Logger LOG = Logger.getLogger(ProcessCommandRunner.class.getName());
    /** The shell's "command not found" code, used when the program cannot be started at all. */
    static final int CANNOT_START = 127;

    @Inject
    public ProcessCommandRunner() {}

    @Override
    public CommandResult run(List<String> argv, Map<String, String> environment, Duration timeout)
            throws CommandTimeoutException, CommandInterruptedException {
        requireNonNull(argv, "argv is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(timeout, "timeout is null");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
        Shells.refuse(argv);
        Path stdout = null;
        Path stderr = null;
        try {
            stdout = Files.createTempFile("brickwork-cmd-", ".out");
            stderr = Files.createTempFile("brickwork-cmd-", ".err");
            return runWithFiles(List.copyOf(argv), environment, timeout, stdout, stderr);
        } catch (IOException e) {
            // Only the temporary files can fail here; without them nothing can run.
            throw new UncheckedIOException("cannot capture the output of " + argv, e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    private CommandResult runWithFiles(List<String> argv, Map<String, String> environment, Duration timeout,
            Path stdout, Path stderr) throws IOException, CommandTimeoutException, CommandInterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectInput(new File("/dev/null"))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        // Tools print localized messages otherwise, and their output is parsed.
        builder.environment().put("LC_ALL", "C");
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            LOG.warning(() -> "cannot start " + argv + ": " + e.getMessage());
            return new CommandResult(argv, CANNOT_START, "", String.valueOf(e.getMessage()), Duration.ZERO);
        }
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                killTree(process);
                LOG.warning(() -> argv + " timed out after " + timeout.toMillis() + "ms; killed it and its children");
                throw new CommandTimeoutException(argv, timeout, text(stderr));
            }
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new CommandInterruptedException(argv);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        CommandResult result = new CommandResult(argv, process.exitValue(), text(stdout), text(stderr), took);
        LOG.fine(() -> argv + " exited " + result.exitCode() + " in " + took.toMillis() + "ms");
        return result;
    }

    /** Lenient decoding: a stray non-UTF-8 byte in some tool's output must not lose the rest of it. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), UTF_8);
    }

    /** Descendants are listed before the parent dies: afterwards they are reparented and lost. */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot delete " + path, e);
        }
    }
}
