package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import io.brickwork.common.config.SettingsException;
import io.brickwork.common.validation.Validation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Trust: where the cluster CA, join tokens and revocations live ({@code state-dir}), the API's
 * audit trail ({@code audit-log}), the certificates' names and lifetimes ({@code tls}) and how
 * long a join token lives by default ({@code join-token-ttl}).
 */
public record SecuritySettings(Path stateDir, Path auditLog, Tls tls, Duration joinTokenTtl) {
    public SecuritySettings {
        requireNonNull(stateDir, "stateDir is null");
        requireNonNull(auditLog, "auditLog is null");
        requireNonNull(tls, "tls is null");
        requireNonNull(joinTokenTtl, "joinTokenTtl is null");
    }

    /** The TLS part: names in the server certificate and how long certificates live. */
    public record Tls(List<String> serverNames, Duration serverCertificateValidity, Duration nodeCertificateValidity,
            Duration adminCertificateValidity, Duration glusterCertificateValidity) {
        public Tls {
            serverNames = List.copyOf(serverNames);
            requireNonNull(serverCertificateValidity, "serverCertificateValidity is null");
            requireNonNull(nodeCertificateValidity, "nodeCertificateValidity is null");
            requireNonNull(adminCertificateValidity, "adminCertificateValidity is null");
            requireNonNull(glusterCertificateValidity, "glusterCertificateValidity is null");
        }

        public List<String> dnsNames() {
            return serverNames.stream().filter(name -> Validation.addressProblem(name).isPresent()).toList();
        }

        public List<String> ipAddresses() {
            return serverNames.stream().filter(name -> Validation.addressProblem(name).isEmpty()).toList();
        }
    }

    /** @param coordinator the {@code brickwork.coordinator} section */
    public static SecuritySettings from(Config coordinator) {
        List<String> problems = new ArrayList<>();
        Path stateDir = absolute(coordinator, "state-dir", problems);
        Path auditLog = absolute(coordinator, "audit-log", problems);
        Config tlsConfig = coordinator.getConfig("tls");
        List<String> serverNames = tlsConfig.getStringList("server-names");
        for (String name : serverNames) {
            if (Validation.addressProblem(name).isPresent() && Validation.hostnameProblem(name).isPresent()) {
                problems.add("brickwork.coordinator.tls.server-names: '" + name
                        + "' is neither a host name nor an address");
            }
        }
        Tls tls = new Tls(serverNames, positive(tlsConfig, "server-certificate-validity", "tls.", problems),
                positive(tlsConfig, "node-certificate-validity", "tls.", problems),
                positive(tlsConfig, "admin-certificate-validity", "tls.", problems),
                positive(tlsConfig, "gluster-certificate-validity", "tls.", problems));
        Duration joinTokenTtl = positive(coordinator, "join-token-ttl", "", problems);
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new SecuritySettings(stateDir, auditLog, tls, joinTokenTtl);
    }

    private static Path absolute(Config config, String key, List<String> problems) {
        String value = config.getString(key);
        Validation.absolutePathProblem(value).ifPresent(problem ->
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
