package io.brickwork.coordinator.health;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.gateway.AgentSession;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.proto.agent.v1.WatchList;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

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
            s.volumes().stream().filter(volume -> volume.nodes().contains(node)).map(VolumeSpec::brick).distinct()
                    .forEach(watch::addBrickPaths);
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
}
