package io.brickwork.coordinator.health;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.gateway.AgentSession;
import io.brickwork.coordinator.spec.ArbiterBrickSpec;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.proto.agent.v1.WatchList;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Tells each agent what to watch: the spec's mount points (every node mounts every volume) and
 * the bricks of the volumes the node is in. Sent on connect and after every successful apply.
 */
public final class WatchLists {
    private static final Logger log = Logger.getLogger(WatchLists.class.getName());

    private final AgentRegistry registry;
    private final Duration reportInterval;

    public WatchLists(AgentRegistry registry, Duration reportInterval) {
        this.registry = requireNonNull(registry, "registry is null");
        this.reportInterval = requireNonNull(reportInterval, "reportInterval is null");
    }

    /** Before anything was applied the list is empty but still sets the report interval. */
    public static WatchList forNode(Optional<ClusterSpec> spec, String node, Duration reportInterval) {
        WatchList.Builder watch = WatchList.newBuilder().setReportIntervalMs((int) reportInterval.toMillis());
        spec.ifPresent(s -> {
            s.volumes().stream().map(volume -> volume.mount().path()).distinct().forEach(watch::addMountPoints);
            s.volumes().stream().flatMap(volume -> brickPaths(volume, node)).distinct().forEach(watch::addBrickPaths);
        });
        return watch.build();
    }

    public void send(AgentSession session, Optional<ClusterSpec> spec) {
        WatchList watch = forNode(spec, session.node(), reportInterval);
        if (!session.watch(watch)) {
            log.fine(() -> "watch list for " + session.node() + " not sent: stream closed");
        }
    }

    public void sendAll(ClusterSpec spec) {
        for (AgentSession session : registry.sessions()) {
            send(session, Optional.of(spec));
        }
    }

    /** The brick directories a volume has on a node: its data brick, its arbiter brick, both or none. */
    private static Stream<String> brickPaths(VolumeSpec volume, String node) {
        Stream<String> data = volume.nodes().contains(node) ? Stream.of(volume.brick()) : Stream.empty();
        Stream<String> arbiter = volume.arbiterBrick().filter(brick -> brick.node().equals(node))
                .map(ArbiterBrickSpec::path).stream();
        return Stream.concat(data, arbiter);
    }
}
