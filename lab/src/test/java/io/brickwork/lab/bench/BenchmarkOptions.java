package io.brickwork.lab.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one benchmark run does. Defaults are the figures the speed goals are stated for: 1,000
 * agents reporting every 5 s, GetStatus 5 times a second, a minute measured.
 *
 * @param coordinatorJavaOpts the coordinator JVM's flags; by default those of the systemd unit
 */
record BenchmarkOptions(int agents, Duration measured, Duration warmup, double statusPerSecond,
        Path coordinatorJar, List<String> coordinatorJavaOpts) {
    static final String USAGE = "usage: StatusBenchmark [SECONDS] [--agents N] [--warmup SECONDS] "
            + "[--status-rate PER_SECOND] [--coordinator-jar FILE] [--coordinator-java-opts 'FLAGS']";

    BenchmarkOptions {
        requireNonNull(measured, "measured is null");
        requireNonNull(warmup, "warmup is null");
        requireNonNull(coordinatorJar, "coordinatorJar is null");
        coordinatorJavaOpts = List.copyOf(coordinatorJavaOpts);
    }

    static BenchmarkOptions parse(String[] args) {
        int agents = 1000;
        long measuredSeconds = 60;
        long warmupSeconds = 20;
        double rate = 5;
        Path jar = Path.of(System.getProperty("brickwork.repo", "."), "coordinator/target/brickwork-coordinator.jar");
        // As systemd/brickwork-coordinator.service runs it (BRICKWORK_JAVA_OPTS).
        List<String> javaOpts = List.of("-Xmx256m", "-XX:+UseSerialGC");
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            switch (arg) {
                case "--agents" -> agents = positiveInt(arg, value(arg, rest));
                case "--warmup" -> warmupSeconds = nonNegativeInt(arg, value(arg, rest));
                case "--status-rate" -> rate = positiveRate(value(arg, rest));
                case "--coordinator-jar" -> jar = Path.of(value(arg, rest));
                case "--coordinator-java-opts" -> javaOpts = List.of(value(arg, rest).trim().split("\\s+"));
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    measuredSeconds = positiveInt("SECONDS", arg);
                }
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " not found: build with `mvn -B package -DskipTests` first");
        }
        return new BenchmarkOptions(agents, Duration.ofSeconds(measuredSeconds), Duration.ofSeconds(warmupSeconds),
                rate, jar.toAbsolutePath().normalize(), javaOpts);
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }

    private static int positiveInt(String name, String text) {
        int value = nonNegativeInt(name, text);
        if (value == 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }

    private static int nonNegativeInt(String name, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number: " + text, e);
        }
    }

    private static double positiveRate(String text) {
        try {
            double value = Double.parseDouble(text);
            if (!(value > 0 && value <= 1000)) {
                throw new IllegalArgumentException("--status-rate must be in (0, 1000]: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--status-rate must be a number: " + text, e);
        }
    }
}
