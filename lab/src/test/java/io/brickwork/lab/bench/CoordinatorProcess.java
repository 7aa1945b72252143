package io.brickwork.lab.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The coordinator as an operator runs it ({@code java -jar brickwork-coordinator.jar serve}), in
 * its own JVM so that its CPU and memory are its own and not the simulated agents'. Everything
 * it writes lives in one temporary directory, removed on close.
 */
final class CoordinatorProcess implements AutoCloseable {
    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final Process process;
    private final int port;
    private final long clockTicksPerSecond;
    private boolean closed;

    private CoordinatorProcess(Path directory, Process process, int port, long clockTicksPerSecond) {
        this.directory = directory;
        this.process = process;
        this.port = port;
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    /**
     * Starts a coordinator whose state directory already holds {@code appliedSpec}, as after a
     * restart, and returns once it accepts connections on both its doors.
     */
    static CoordinatorProcess start(Path jar, List<String> javaOpts, String appliedSpec)
            throws IOException, InterruptedException {
        requireNonNull(jar, "jar is null");
        Path directory = Files.createTempDirectory("brickwork-bench-");
        Path state = Files.createDirectory(directory.resolve("state"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(state.resolve("applied-spec.conf"), appliedSpec);
        Files.setPosixFilePermissions(state.resolve("applied-spec.conf"), PosixFilePermissions.fromString("rw-------"));
        int port = freePort();
        Path config = directory.resolve("coordinator.conf");
        Files.writeString(config, "brickwork.coordinator {\n"
                + "  listen = \"127.0.0.1:" + port + "\"\n"
                + "  admin-socket = \"" + directory.resolve("run/coordinator.sock") + "\"\n"
                + "  state-dir = \"" + state + "\"\n"
                + "  audit-log = \"" + directory.resolve("log/audit.log") + "\"\n"
                + "  metrics-listen = \"\"\n"
                + "}\n");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOpts);
        command.addAll(List.of("-jar", jar.toString(), "serve", "--config", config.toString()));
        long clockTicksPerSecond = clockTicksPerSecond();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("coordinator.log").toFile())
                .start();
        CoordinatorProcess coordinator = new CoordinatorProcess(directory, process, port, clockTicksPerSecond);
        // From here on no exit path of the harness may leave the coordinator running.
        Runtime.getRuntime().addShutdownHook(new Thread(coordinator::close, "stop-coordinator"));
        try {
            coordinator.awaitReady();
        } catch (IOException | RuntimeException | InterruptedException e) {
            coordinator.close();
            throw e;
        }
        return coordinator;
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    Path adminSocket() {
        return directory.resolve("run/coordinator.sock");
    }

    Path directory() {
        return directory;
    }

    /** User plus system CPU time the process has used so far (Linux /proc). */
    long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        // The command name may contain spaces; the fields after its closing parenthesis do not.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000_000L / clockTicksPerSecond;
    }

    /** A line of /proc/PID/status in KiB, e.g. VmRSS or VmHWM. */
    OptionalLong statusKib(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith(key + ":")) {
                return OptionalLong.of(Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Heap used and committed, in KiB, as {@code jcmd PID GC.heap_info} prints them: one line for
     * G1's heap, one per generation for the serial and parallel collectors (summed).
     */
    HeapFigures heap() throws IOException, InterruptedException {
        String output = jcmd("GC.heap_info");
        Matcher matcher = HEAP_USED.matcher(output);
        long used = 0;
        long committed = 0;
        boolean found = false;
        while (matcher.find()) {
            found = true;
            committed += Long.parseLong(matcher.group(1));
            used += Long.parseLong(matcher.group(2));
        }
        if (!found) {
            throw new IOException("no heap figures in jcmd GC.heap_info output:\n" + output);
        }
        return new HeapFigures(used, committed);
    }

    /** A full collection, so that the next {@link #heap()} shows what is live. */
    void collectGarbage() throws IOException, InterruptedException {
        jcmd("GC.run");
    }

    record HeapFigures(long usedKib, long committedKib) { }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid()), command).redirectErrorStream(true).start();
        byte[] output = jcmd.getInputStream().readAllBytes();
        if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            jcmd.destroyForcibly();
            throw new IOException("jcmd " + pid() + " " + command + " failed:\n"
                    + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    /** The last lines the coordinator logged, for a failure message. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(directory.resolve("coordinator.log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("coordinator exited with " + process.exitValue() + " before it was ready:\n"
                        + logTail(30));
            }
            if (Files.exists(adminSocket()) && accepts(port)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("coordinator not ready after " + READY_TIMEOUT.toSeconds() + " s:\n" + logTail(30));
    }

    /**
     * SIGTERM first, so the coordinator shuts down through its own hook; SIGKILL if it has not
     * gone within ten seconds. Safe to call more than once and from a shutdown hook.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteRecursively(directory);
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("could not remove " + root + ": " + e.getMessage());
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static long clockTicksPerSecond() throws IOException, InterruptedException {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String output = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (getconf.waitFor() != 0) {
            throw new UncheckedIOException(new IOException("getconf CLK_TCK failed: " + output));
        }
        return Long.parseLong(output);
    }
}
