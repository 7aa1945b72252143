package io.brickwork.agent;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import static java.util.Objects.requireNonNull;

import io.brickwork.agent.dockerplugin.DockerPluginSettings;
import io.brickwork.agent.report.ReportSettings;
import io.brickwork.common.config.SettingsException;
import io.brickwork.common.net.HostPort;
import io.brickwork.common.validation.Validation;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every key of {@code brickwork.agent}, read and validated once at start. */
public record AgentSettings(
        String nodeName,
        String coordinatorHost,
        int coordinatorPort,
        List<String> addresses,
        Duration heartbeatInterval,
        Duration reconnectMin,
        Duration reconnectMax,
        int maxConcurrentActions,
        Duration commandTimeout,
        Duration packageInstallTimeout,
        Duration pollInterval,
        List<Path> brickRoots,
        List<Path> mountRoots,
        List<String> allowedPackages,
        Path auditLog,
        long auditLogMaxSize,
        int auditLogKeep,
        Path stateDir,
        ReportSettings report,
        boolean restartUnmanagedGlusterd,
        Optional<DockerPluginSettings> dockerPlugin) {
    /** One audit line can be about 70 KiB (arguments are capped at 64 KiB); rotating more often is noise. */
    static final long MIN_AUDIT_LOG_SIZE = 1024 * 1024;

    public AgentSettings {
        addresses = List.copyOf(addresses);
        brickRoots = List.copyOf(brickRoots);
        mountRoots = List.copyOf(mountRoots);
        allowedPackages = List.copyOf(allowedPackages);
        requireNonNull(dockerPlugin, "dockerPlugin is null");
    }

    /** Reads the {@code brickwork.agent} section (already checked for unknown keys and types). */
    public static AgentSettings from(Config config) {
        List<String> problems = new ArrayList<>();
        String nodeName = config.getString("node-name");
        if (nodeName.isEmpty()) {
            nodeName = localHostName();
        }
        Validation.hostnameProblem(nodeName).ifPresent(p -> problems.add("brickwork.agent.node-name = '"
                + config.getString("node-name") + "' (resolved '" + localHostName() + "'): " + p));
        String coordinator = config.getString("coordinator");
        Optional<HostPort> hostPort = HostPort.parse(coordinator);
        if (hostPort.isEmpty()) {
            problems.add("brickwork.agent.coordinator = '" + coordinator + "': must be host:port");
        }
        List<String> addresses = config.getStringList("addresses");
        for (String address : addresses) {
            Validation.addressProblem(address).ifPresent(p -> problems.add("brickwork.agent.addresses: '" + address + "' " + p));
        }
        Duration heartbeat = config.getDuration("heartbeat-interval");
        Duration reconnectMin = config.getDuration("reconnect-min");
        Duration reconnectMax = config.getDuration("reconnect-max");
        if (heartbeat.toMillis() < 100) {
            problems.add("brickwork.agent.heartbeat-interval = " + heartbeat + ": must be at least 100ms");
        }
        if (reconnectMin.isNegative() || reconnectMin.isZero() || reconnectMax.compareTo(reconnectMin) < 0) {
            problems.add("brickwork.agent.reconnect-min/reconnect-max: need 0 < min <= max, got "
                    + reconnectMin + " / " + reconnectMax);
        }
        int maxConcurrent = config.getInt("max-concurrent-actions");
        if (maxConcurrent < 1) {
            problems.add("brickwork.agent.max-concurrent-actions = " + maxConcurrent + ": must be at least 1");
        }
        List<Path> brickRoots = roots(config, "brick-roots", problems);
        List<Path> mountRoots = roots(config, "mount-roots", problems);
        List<String> packages = config.getStringList("allowed-packages");
        for (String name : packages) {
            Validation.debianPackageProblem(name).ifPresent(p -> problems.add("brickwork.agent.allowed-packages: '" + name
                    + "' " + p));
        }
        String auditLog = config.getString("audit-log");
        Validation.absolutePathProblem(auditLog).ifPresent(p -> problems.add("brickwork.agent.audit-log = '" + auditLog
                + "': " + p));
        long auditLogMaxSize = auditLogMaxSize(config, problems);
        int auditLogKeep = config.getInt("audit-log-keep");
        if (auditLogKeep < 1) {
            problems.add("brickwork.agent.audit-log-keep = " + auditLogKeep + ": must be at least 1");
        }
        Optional<ReportSettings> report = report(config, problems);
        String stateDir = config.getString("state-dir");
        Validation.absolutePathProblem(stateDir).ifPresent(p -> problems.add("brickwork.agent.state-dir = '" + stateDir + "': " + p));
        Optional<DockerPluginSettings> dockerPlugin = dockerPlugin(config, problems);
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new AgentSettings(nodeName, hostPort.get().host(), hostPort.get().port(), addresses, heartbeat,
                reconnectMin, reconnectMax, maxConcurrent, config.getDuration("command-timeout"),
                config.getDuration("package-install-timeout"), config.getDuration("poll-interval"), brickRoots,
                mountRoots, packages, Path.of(auditLog), auditLogMaxSize, auditLogKeep, Path.of(stateDir),
                report.orElseThrow(), config.getBoolean("restart-unmanaged-glusterd"), dockerPlugin);
    }

    /** Empty when docker-plugin-socket is "" (no plugin served) or a key is wrong (then problems says which). */
    private static Optional<DockerPluginSettings> dockerPlugin(Config config, List<String> problems) {
        String socket = config.getString("docker-plugin-socket");
        Duration callTimeout = config.getDuration("docker-plugin-call-timeout");
        if (callTimeout.toMillis() < 100) {
            problems.add("brickwork.agent.docker-plugin-call-timeout = " + callTimeout + ": must be at least 100ms");
            return Optional.empty();
        }
        if (socket.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> problem = Validation.absolutePathProblem(socket);
        if (problem.isPresent()) {
            problems.add("brickwork.agent.docker-plugin-socket = '" + socket + "': " + problem.get());
            return Optional.empty();
        }
        String dockerSocket = config.getString("docker-socket");
        if (!dockerSocket.isEmpty()) {
            problem = Validation.absolutePathProblem(dockerSocket);
            if (problem.isPresent()) {
                problems.add("brickwork.agent.docker-socket = '" + dockerSocket + "': " + problem.get());
                return Optional.empty();
            }
        }
        return Optional.of(new DockerPluginSettings(Path.of(socket), callTimeout,
                dockerSocket.isEmpty() ? Optional.empty() : Optional.of(Path.of(dockerSocket))));
    }

    /** The report's timings; empty when one is out of range (then problems says which). */
    private static Optional<ReportSettings> report(Config config, List<String> problems) {
        int before = problems.size();
        Duration interval = config.getDuration("report-interval");
        if (interval.compareTo(ReportSettings.MIN_INTERVAL) < 0) {
            problems.add("brickwork.agent.report-interval = " + interval + ": must be at least 100ms");
        }
        Duration checkInterval = config.getDuration("report-check-interval");
        if (checkInterval.toMillis() < 10) {
            problems.add("brickwork.agent.report-check-interval = " + checkInterval + ": must be at least 10ms");
        }
        Duration readWait = config.getDuration("report-read-wait");
        if (readWait.toMillis() < 10) {
            problems.add("brickwork.agent.report-read-wait = " + readWait + ": must be at least 10ms");
        }
        Duration glusterTimeout = config.getDuration("report-gluster-timeout");
        if (glusterTimeout.toMillis() < 100) {
            problems.add("brickwork.agent.report-gluster-timeout = " + glusterTimeout + ": must be at least 100ms");
        }
        Duration mountProbeTimeout = config.getDuration("mount-probe-timeout");
        if (mountProbeTimeout.toMillis() < 10) {
            problems.add("brickwork.agent.mount-probe-timeout = " + mountProbeTimeout + ": must be at least 10ms");
        }
        return problems.size() > before ? Optional.empty()
                : Optional.of(new ReportSettings(interval, checkInterval, readWait, glusterTimeout, mountProbeTimeout));
    }

    /** "/" or a relative root would make the agent's own path checks meaningless. */
    private static List<Path> roots(Config config, String key, List<String> problems) {
        List<String> roots = config.getStringList(key);
        if (roots.isEmpty()) {
            problems.add("brickwork.agent." + key + ": must name at least one directory");
        }
        List<Path> paths = new ArrayList<>();
        for (String root : roots) {
            Optional<String> problem = Validation.absolutePathProblem(root);
            problem.ifPresent(p -> problems.add("brickwork.agent." + key + ": '" + root + "' " + p));
            if (problem.isEmpty()) {
                paths.add(Path.of(root));
            }
        }
        return paths;
    }

    private static long auditLogMaxSize(Config config, List<String> problems) {
        try {
            long size = config.getBytes("audit-log-max-size");
            if (size < MIN_AUDIT_LOG_SIZE) {
                problems.add("brickwork.agent.audit-log-max-size = " + size + " bytes: must be at least 1MiB");
            }
            return size;
        } catch (ConfigException.BadValue e) {
            problems.add("brickwork.agent.audit-log-max-size: " + e.getMessage());
            return 0;
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
