package io.brickwork.coordinator.server;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import io.brickwork.common.config.SettingsException;
import io.brickwork.common.net.HostPort;
import io.brickwork.common.validation.Validation;
import io.brickwork.coordinator.plan.StepTimeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every key of {@code brickwork.coordinator}, read and validated once at start. */
public record CoordinatorSettings(
        HostPort listen,
        Path adminSocket,
        Path stateDir,
        Path auditLog,
        Duration heartbeatInterval,
        Tls tls,
        Duration joinTokenTtl,
        StepTimeouts stepTimeouts,
        Duration verifyTimeout,
        Duration reportInterval,
        Optional<HostPort> metricsListen) {

    public static final Duration DEFAULT_REPORT_INTERVAL = Duration.ofSeconds(5);

    public CoordinatorSettings {
        requireNonNull(reportInterval, "reportInterval is null");
        requireNonNull(metricsListen, "metricsListen is null");
    }

    /** Without a metrics endpoint, and with agents reporting at the default interval. */
    public CoordinatorSettings(HostPort listen, Path adminSocket, Path stateDir, Path auditLog,
            Duration heartbeatInterval, Tls tls, Duration joinTokenTtl, StepTimeouts stepTimeouts,
            Duration verifyTimeout) {
        this(listen, adminSocket, stateDir, auditLog, heartbeatInterval, tls, joinTokenTtl, stepTimeouts,
                verifyTimeout, DEFAULT_REPORT_INTERVAL, Optional.empty());
    }

    /** The TLS part: names in the server certificate and how long certificates live. */
    public record Tls(List<String> serverNames, Duration serverCertificateValidity, Duration nodeCertificateValidity,
            Duration adminCertificateValidity) {
        public Tls {
            serverNames = List.copyOf(serverNames);
        }

        public List<String> dnsNames() {
            return serverNames.stream().filter(name -> Validation.address(name).isPresent()).toList();
        }

        public List<String> ipAddresses() {
            return serverNames.stream().filter(name -> Validation.address(name).isEmpty()).toList();
        }
    }

    public static CoordinatorSettings from(Config config) {
        List<String> problems = new ArrayList<>();
        String listenText = config.getString("listen");
        Optional<HostPort> listen = HostPort.parse(listenText);
        if (listen.isEmpty()) {
            problems.add("brickwork.coordinator.listen = '" + listenText + "': must be host:port");
        }
        Path adminSocket = absolute(config, "admin-socket", problems);
        Path stateDir = absolute(config, "state-dir", problems);
        Path auditLog = absolute(config, "audit-log", problems);
        Duration heartbeat = config.getDuration("heartbeat-interval");
        if (heartbeat.toMillis() < 100) {
            problems.add("brickwork.coordinator.heartbeat-interval = " + heartbeat + ": must be at least 100ms");
        }
        Config tlsConfig = config.getConfig("tls");
        List<String> serverNames = tlsConfig.getStringList("server-names");
        for (String name : serverNames) {
            if (Validation.address(name).isPresent() && Validation.hostname(name).isPresent()) {
                problems.add("brickwork.coordinator.tls.server-names: '" + name + "' is neither a host name nor an address");
            }
        }
        Tls tls = new Tls(serverNames, positive(tlsConfig, "server-certificate-validity", "tls.", problems),
                positive(tlsConfig, "node-certificate-validity", "tls.", problems),
                positive(tlsConfig, "admin-certificate-validity", "tls.", problems));
        Duration joinTokenTtl = positive(config, "join-token-ttl", "", problems);
        Config steps = config.getConfig("step-timeouts");
        StepTimeouts timeouts = new StepTimeouts(steps.getDuration("standard"), steps.getDuration("packages"),
                steps.getDuration("peers"), steps.getDuration("volume"), steps.getDuration("mount"));
        for (String key : List.of("standard", "packages", "peers", "volume", "mount")) {
            if (steps.getDuration(key).toMillis() < 1000) {
                problems.add("brickwork.coordinator.step-timeouts." + key + " = " + steps.getDuration(key)
                        + ": must be at least 1s");
            }
        }
        Duration reportInterval = config.getDuration("report-interval");
        if (reportInterval.toMillis() < 100) {
            problems.add("brickwork.coordinator.report-interval = " + reportInterval + ": must be at least 100ms");
        }
        String metricsText = config.getString("metrics-listen");
        Optional<HostPort> metricsListen = metricsText.isEmpty() ? Optional.empty() : HostPort.parse(metricsText);
        if (!metricsText.isEmpty() && metricsListen.isEmpty()) {
            problems.add("brickwork.coordinator.metrics-listen = '" + metricsText
                    + "': must be host:port, or \"\" for no metrics endpoint");
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new CoordinatorSettings(listen.get(), adminSocket, stateDir, auditLog, heartbeat, tls, joinTokenTtl,
                timeouts, config.getDuration("verify-timeout"), reportInterval, metricsListen);
    }

    private static Path absolute(Config config, String key, List<String> problems) {
        String value = config.getString(key);
        Validation.absolutePath(value).ifPresent(problem ->
                problems.add("brickwork.coordinator." + key + " = '" + value + "': " + problem));
        return Path.of(value);
    }

    private static Duration positive(Config config, String key, String prefix, List<String> problems) {
        Duration value = config.getDuration(key);
        if (value.isNegative() || value.isZero()) {
            problems.add("brickwork.coordinator." + prefix + key + " = " + value + ": must be positive");
        }
        return value;
    }
}
