package io.brickwork.agent;

import com.typesafe.config.Config;
import io.brickwork.common.config.SettingsException;
import io.brickwork.common.net.HostPort;
import io.brickwork.common.validation.Validation;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
        Duration pollInterval) {

    public AgentSettings {
        addresses = List.copyOf(addresses);
    }

    /** Reads the {@code brickwork.agent} section (already checked for unknown keys and types). */
    public static AgentSettings from(Config config) {
        List<String> problems = new ArrayList<>();
        String nodeName = config.getString("node-name");
        if (nodeName.isEmpty()) {
            nodeName = localHostName();
        }
        Validation.hostname(nodeName).ifPresent(p -> problems.add("brickwork.agent.node-name = '"
                + config.getString("node-name") + "' (resolved '" + localHostName() + "'): " + p));
        String coordinator = config.getString("coordinator");
        Optional<HostPort> hostPort = HostPort.parse(coordinator);
        if (hostPort.isEmpty()) {
            problems.add("brickwork.agent.coordinator = '" + coordinator + "': must be host:port");
        }
        List<String> addresses = config.getStringList("addresses");
        for (String address : addresses) {
            Validation.address(address).ifPresent(p -> problems.add("brickwork.agent.addresses: '" + address + "' " + p));
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
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new AgentSettings(nodeName, hostPort.get().host(), hostPort.get().port(), addresses, heartbeat,
                reconnectMin, reconnectMax, maxConcurrent, config.getDuration("command-timeout"),
                config.getDuration("package-install-timeout"), config.getDuration("poll-interval"));
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
