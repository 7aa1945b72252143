package io.brickwork.agent.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The real {@link CommandRunner}. Output goes to temporary files rather than pipes: a pipe
 * needs a reader thread per stream, and a daemon forked by the command (mount.glusterfs starts
 * the fuse client) could hold a pipe open forever; a file can never block either side. Shells
 * are refused outright ({@link ShellNotAllowedException}), whatever their arguments.
 *
 * <p>The agent is root: a command gets no environment of the agent's but {@link #PATH} and
 * {@code LC_ALL=C} (and what the caller adds), its program is looked up in that PATH and run by
 * absolute path, and only a bounded tail of each stream is kept in memory, so a command that
 * prints without end cannot exhaust the agent's small heap.
 */
public final class ProcessCommandRunner implements CommandRunner {
    private static final Logger LOG = Logger.getLogger(ProcessCommandRunner.class.getName());
    /** The shell's "command not found" code, used when the program cannot be started at all. */
    static final int CANNOT_START = 127;
    /** Root's usual PATH, without /usr/local (which a package manager does not own). */
    static final String PATH = "/usr/sbin:/usr/bin:/sbin:/bin";
    /** gluster's XML for a large pool is a few MiB; parsers need all of it. */
    static final int MAX_STDOUT_BYTES = 16 * 1024 * 1024;
    /** What a failure's message and its details need: the end, where the error is. */
    static final int MAX_STDERR_BYTES = 64 * 1024;

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
        Optional<String> program = absolute(argv.get(0));
        if (program.isEmpty()) {
            LOG.warning(() -> "cannot start " + argv + ": not found in " + PATH);
            return new CommandResult(argv, CANNOT_START, "", argv.get(0) + ": not found in " + PATH, Duration.ZERO);
        }
        Path stdout = null;
        Path stderr = null;
        try {
            stdout = Files.createTempFile("brickwork-cmd-", ".out");
            stderr = Files.createTempFile("brickwork-cmd-", ".err");
            return runWithFiles(List.copyOf(argv), program.get(), environment, timeout, stdout, stderr);
        } catch (IOException e) {
            // Only the temporary files can fail here; without them nothing can run.
            throw new UncheckedIOException("cannot capture the output of " + argv, e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    private CommandResult runWithFiles(List<String> argv, String program, Map<String, String> environment,
            Duration timeout, Path stdout, Path stderr)
            throws IOException, CommandTimeoutException, CommandInterruptedException {
        List<String> resolved = new ArrayList<>(argv);
        resolved.set(0, program);
        Shells.refuse(resolved);
        ProcessBuilder builder = new ProcessBuilder(resolved)
                .redirectInput(new File("/dev/null"))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", PATH);
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
                throw new CommandTimeoutException(argv, timeout, text(stderr, MAX_STDERR_BYTES));
            }
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new CommandInterruptedException(argv);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        CommandResult result = new CommandResult(argv, process.exitValue(), text(stdout, MAX_STDOUT_BYTES),
                text(stderr, MAX_STDERR_BYTES), took);
        LOG.fine(() -> argv + " exited " + result.exitCode() + " in " + took.toMillis() + "ms");
        return result;
    }

    /**
     * The last {@code max} bytes of the file, after a line saying how much was cut. Lenient
     * decoding: a stray non-UTF-8 byte in some tool's output must not lose the rest of it.
     */
    static String text(Path file, int max) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long skipped = Math.max(0, size - max);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, max));
            while (buffer.hasRemaining() && channel.read(buffer, skipped + buffer.position()) >= 0) {
                // Until full or at the end.
            }
            String tail = new String(buffer.array(), 0, buffer.position(), UTF_8);
            return skipped == 0 ? tail : "[" + skipped + " bytes cut]\n" + tail;
        }
    }

    /** The program as an absolute path: as given when it is one, else the first executable in {@link #PATH}. */
    static Optional<String> absolute(String program) {
        if (program.startsWith("/")) {
            return Optional.of(program);
        }
        if (program.contains("/") || program.isEmpty()) {
            return Optional.empty();
        }
        for (String directory : PATH.split(":")) {
            Path candidate = Path.of(directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
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
