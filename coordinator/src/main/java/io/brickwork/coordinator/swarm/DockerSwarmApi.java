package io.brickwork.coordinator.swarm;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.SwarmNodeManagerStatus;
import com.github.dockerjava.api.model.SwarmNodeRole;
import com.github.dockerjava.api.model.SwarmNodeSpec;
import com.github.dockerjava.api.model.SwarmNodeState;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link SwarmApi} through docker-java and its dependency-free transport, on the manager's
 * Unix socket (or any Docker host URI docker-java takes). Every call is bounded by the
 * transport's connection and response timeouts.
 */
public final class DockerSwarmApi implements SwarmApi {
    private static final Logger log = Logger.getLogger(DockerSwarmApi.class.getName());
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private final String host;
    private final DockerClient client;

    public DockerSwarmApi(String dockerHost, Duration timeout) {
        this.host = requireNonNull(dockerHost, "dockerHost is null");
        requireNonNull(timeout, "timeout is null");
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .withDockerTlsVerify(false)
                .build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(dockerHost))
                .maxConnections(4)
                .connectionTimeout(timeout)
                .responseTimeout(timeout)
                .build();
        this.client = DockerClientImpl.getInstance(config, http);
    }

    @Override
    public List<SwarmNode> nodes() throws SwarmException {
        List<com.github.dockerjava.api.model.SwarmNode> listed;
        try {
            listed = client.listSwarmNodesCmd().exec();
        } catch (DockerException | UncheckedIOException | IllegalStateException e) {
            throw new SwarmException("cannot list the Swarm's nodes through " + host + ": " + message(e)
                    + " (is this Docker a Swarm manager?)", e);
        } catch (RuntimeException e) {
            throw new SwarmException("cannot reach Docker at " + host + ": " + message(e), e);
        }
        List<SwarmNode> nodes = new ArrayList<>();
        for (com.github.dockerjava.api.model.SwarmNode node : listed) {
            nodes.add(convert(node));
        }
        return nodes;
    }

    @Override
    public boolean setLabel(String nodeId, String key, Optional<String> value) throws SwarmException {
        try {
            // docker-java has no node inspect; the list filtered by id is the same object.
            List<com.github.dockerjava.api.model.SwarmNode> found = client.listSwarmNodesCmd()
                    .withIdFilter(List.of(nodeId)).exec();
            com.github.dockerjava.api.model.SwarmNode current = found.stream()
                    .filter(node -> nodeId.equals(node.getId())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no such node"));
            SwarmNodeSpec spec = current.getSpec() == null ? new SwarmNodeSpec() : current.getSpec();
            Map<String, String> labels = spec.getLabels() == null ? new HashMap<>() : new HashMap<>(spec.getLabels());
            Optional<String> before = Optional.ofNullable(labels.get(key));
            if (before.equals(value)) {
                return false;
            }
            if (value.isPresent()) {
                labels.put(key, value.get());
            } else {
                labels.remove(key);
            }
            client.updateSwarmNodeCmd()
                    .withSwarmNodeId(nodeId)
                    .withVersion(current.getVersion().getIndex())
                    .withSwarmNodeSpec(spec.withLabels(labels))
                    .exec();
            return true;
        } catch (RuntimeException e) {
            throw new SwarmException("cannot " + (value.isPresent() ? "set " + key + "=" + value.get() : "remove " + key)
                    + " on Swarm node " + nodeId + " through " + host + ": " + message(e), e);
        }
    }

    private static SwarmNode convert(com.github.dockerjava.api.model.SwarmNode node) {
        String hostname = node.getDescription() == null || node.getDescription().getHostname() == null
                ? "" : node.getDescription().getHostname();
        String address = node.getStatus() == null || node.getStatus().getAddress() == null
                ? "" : node.getStatus().getAddress();
        SwarmNodeManagerStatus managerStatus = node.getManagerStatus();
        boolean manager = node.getSpec() != null && node.getSpec().getRole() == SwarmNodeRole.MANAGER;
        boolean ready = node.getStatus() != null && node.getStatus().getState() == SwarmNodeState.READY;
        Map<String, String> labels = node.getSpec() == null || node.getSpec().getLabels() == null
                ? Map.of() : node.getSpec().getLabels();
        long version = node.getVersion() == null || node.getVersion().getIndex() == null ? 0 : node.getVersion().getIndex();
        return new SwarmNode(node.getId(), version, hostname, address, manager,
                managerStatus != null && managerStatus.isLeader(), ready, labels);
    }

    private static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            log.log(Level.FINE, "closing the Docker client", e);
        }
    }
}
