package io.brickwork.agent.gateway;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Who this agent says it is in its Hello. */
public record AgentIdentity(String nodeName, String version, String hostname, List<String> addresses) {
    public AgentIdentity {
        requireNonNull(nodeName, "nodeName is null");
        requireNonNull(version, "version is null");
        requireNonNull(hostname, "hostname is null");
        addresses = List.copyOf(addresses);
    }
}
