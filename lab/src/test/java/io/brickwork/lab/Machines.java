package io.brickwork.lab;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives lab/machines/machines.sh from a test: booted Debian machines (systemd as PID 1 in
 * systemd-nspawn) named m1..mN on bridge bwm-br, 10.213.4.1K.
 */
final class Machines implements AutoCloseable {
    static final String SUBNET = "10.213.4";

    private final Path repo;
    private final Map<String, String> environment;

    Machines(Path repo) {
        this(repo, Map.of());
    }

    /** With machines.sh's environment (BWM_DIR, BWM_CACHE, BWM_MIRROR) set for every call. */
    Machines(Path repo, Map<String, String> environment) {
        this.repo = requireNonNull(repo, "repo is null");
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    }

    static String address(String machine) {
        return SUBNET + ".1" + machine.substring(1);
    }

    /**
     * Boots n fresh machines once the base image is there: built now if missing (about a minute),
     * or waited for if a build is in progress (lab/test.sh starts one in the background), or a
     * failure with that build's log if it failed.
     */
    void up(int n) {
        script(Duration.ofMinutes(2), "down").requireOk("machines.sh down");
        long started = System.nanoTime();
        Lab.Result up = script(Duration.ofMinutes(25), "up", String.valueOf(n)).requireOk("machines.sh up");
        // In the test log: whether the image was cached, built or waited for, and how long it took.
        System.out.printf("machines.sh up %d: %d s%n%s", n,
                Duration.ofNanos(System.nanoTime() - started).toSeconds(), up.stdout());
    }

    void reboot(String machine) {
        script(Duration.ofMinutes(4), "reboot", machine).requireOk("reboot " + machine);
    }

    void stop(String machine) {
        script(Duration.ofMinutes(2), "stop", machine).requireOk("stop " + machine);
    }

    /** Boots the machine and returns once its systemd answers; the boot itself may go on. */
    void startBooting(String machine) {
        script(Duration.ofMinutes(2), "start", machine, "--booting").requireOk("start " + machine);
    }

    /** Waits until the machine's boot has finished (running or degraded). */
    void awaitBooted(String machine, Duration timeout) {
        script(timeout.plusMinutes(1), "wait", machine, String.valueOf(timeout.toSeconds())).requireOk("boot of " + machine);
    }

    void copy(String machine, Path source, String destination) {
        script(Duration.ofMinutes(1), "copy", machine, source.toString(), destination).requireOk("copy to " + machine);
    }

    Lab.Result exec(String machine, String... argv) {
        return exec(Duration.ofMinutes(3), machine, argv);
    }

    Lab.Result exec(Duration timeout, String machine, String... argv) {
        List<String> args = new ArrayList<>(List.of("exec", machine));
        args.addAll(List.of(argv));
        return script(timeout, args.toArray(String[]::new));
    }

    /** Writes a file inside a running machine (through its root directory on the host). */
    void writeFile(String machine, String path, String content) {
        try {
            Path local = Files.createTempFile("bwm-file", ".txt");
            Files.writeString(local, content);
            copy(machine, local, path);
            Files.delete(local);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Lab.Result script(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(repo.resolve("lab/machines/machines.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        try {
            Path out = Files.createTempFile("bwm-out", ".txt");
            Path err = Files.createTempFile("bwm-err", ".txt");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout + ": " + command);
            }
            Lab.Result result = new Lab.Result(command, process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    @Override
    public void close() {
        script(Duration.ofMinutes(3), "down");
    }
}
