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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Tells each agent what to watch: the spec's mount points (every node mounts every volume), the
 * bricks of the volumes the node is in, and the volumes whose heal counts it reads.
 *
 * <p>Heal counts are read by one node per volume: `volume heal V info summary` gives the same
 * counts from every node and costs every brick of the volume an index crawl, so N readers cost
 * the cluster N times that, every report interval. The reader is the first of the volume's
 * nodes (data bricks in spec order, then the arbiter's) whose agent is connected and whose
 * glusterd was not last reported down; the lists are sent again whenever that changes.
 */
public final class WatchLists {
    private static final Logger log = Logger.getLogger(WatchLists.class.getName());

    private final AgentRegistry registry;
    private final Duration reportInterval;
    /** Nodes whose last report said glusterd is not running: they cannot read heal counts. */
    private final Set<String> glusterdDown = ConcurrentHashMap.newKeySet();

    public WatchLists(AgentRegistry registry, Duration reportInterval) {
        this.registry = requireNonNull(registry, "registry is null");
        this.reportInterval = requireNonNull(reportInterval, "reportInterval is null");
    }

    /**
     * Before anything was applied the list is empty but still sets the report interval.
     *
     * @param canRead whether a node can read heal counts now (agent connected, glusterd up)
     */
    public static WatchList forNode(Optional<ClusterSpec> spec, String node, Duration reportInterval,
            Predicate<String> canRead) {
        WatchList.Builder watch = WatchList.newBuilder().setReportIntervalMs((int) reportInterval.toMillis());
        spec.ifPresent(s -> {
            s.volumes().stream().map(volume -> volume.mount().path()).distinct().forEach(watch::addMountPoints);
            s.volumes().stream().flatMap(volume -> brickPaths(volume, node)).distinct().forEach(watch::addBrickPaths);
            s.volumes().stream()
                    .filter(volume -> healReader(volume, canRead).filter(node::equals).isPresent())
                    .map(VolumeSpec::name)
                    .forEach(watch::addHealVolumes);
        });
        return watch.build();
    }

    /** The node that reads a volume's heal counts: the first that can, in brick order. */
    static Optional<String> healReader(VolumeSpec volume, Predicate<String> canRead) {
        return candidates(volume).filter(canRead).findFirst();
    }

    /** The nodes that may read a volume's heal counts, in the order they are asked. */
    private static Stream<String> candidates(VolumeSpec volume) {
        return Stream.concat(volume.nodes().stream(), volume.arbiterBrick().map(ArbiterBrickSpec::node).stream());
    }

    /**
     * Sends every connected agent its list for {@code spec}; a session sends nothing when its
     * list did not change. Synchronized so that the last call, which saw the registry last, is
     * the one whose lists stand.
     */
    public synchronized void sendAll(Optional<ClusterSpec> spec) {
        Predicate<String> canRead = canRead();
        for (AgentSession session : registry.sessions()) {
            WatchList watch = forNode(spec, session.node(), reportInterval, canRead);
            if (!session.watch(watch)) {
                log.fine(() -> "watch list for " + session.node() + " not sent: stream closed");
            }
        }
    }

    /** Agent connected, glusterd not last reported down: as the registry and reports say now. */
    private Predicate<String> canRead() {
        Set<String> connected = registry.sessions().stream().map(AgentSession::node).collect(Collectors.toSet());
        return node -> connected.contains(node) && !glusterdDown.contains(node);
    }

    /**
     * After {@code node} connected, left, or its glusterd stopped or started: sends the lists
     * that may have changed. Only a node with a brick of some volume can move a volume's heal
     * reads; any other node just gets its own list, so that a thousand agents connecting do not
     * cost a million lists built.
     */
    public void changed(String node, Optional<ClusterSpec> spec) {
        boolean mayMoveHealReads = spec.isPresent()
                && spec.get().volumes().stream().anyMatch(volume -> candidates(volume).anyMatch(node::equals));
        if (mayMoveHealReads) {
            sendAll(spec);
            return;
        }
        registry.session(node).ifPresent(session -> send(session, spec));
    }

    private synchronized void send(AgentSession session, Optional<ClusterSpec> spec) {
        WatchList watch = forNode(spec, session.node(), reportInterval, canRead());
        if (!session.watch(watch)) {
            log.fine(() -> "watch list for " + session.node() + " not sent: stream closed");
        }
    }

    /**
     * Notes whether a node's glusterd runs, as its latest report says. @return whether that
     * changed, so the heal readers have to be chosen again
     */
    public boolean glusterdRunning(String node, boolean running) {
        return running ? glusterdDown.remove(node) : glusterdDown.add(node);
    }

    /** A node that left no longer has a glusterd state worth remembering; a new stream starts unknown. */
    public void forget(String node) {
        glusterdDown.remove(node);
    }

    /** The brick directories a volume has on a node: its data brick, its arbiter brick, both or none. */
    private static Stream<String> brickPaths(VolumeSpec volume, String node) {
        Stream<String> data = volume.nodes().contains(node) ? Stream.of(volume.brick()) : Stream.empty();
        Stream<String> arbiter = volume.arbiterBrick().filter(brick -> brick.node().equals(node))
                .map(ArbiterBrickSpec::path).stream();
        return Stream.concat(data, arbiter);
    }
}
