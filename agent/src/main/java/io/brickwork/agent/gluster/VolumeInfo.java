package io.brickwork.agent.gluster;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A volume as {@code gluster volume info} shows it.
 *
 * @param type e.g. "Replicate", "Distribute", "Distributed-Replicate"
 * @param status "Created", "Started" or "Stopped"
 * @param bricks "host:path", in volume order (the order decides the replica sets)
 * @param options the options set on the volume ({@code <options>}), in gluster's order; an option
 *     never set is absent here and {@code volume get} tells its default
 */
public record VolumeInfo(String name, String id, String type, String status, int replicaCount, int brickCount,
        List<String> bricks, int arbiterCount, Map<String, String> options) {
    public static final String STARTED = "Started";

    public VolumeInfo {
        requireNonNull(name, "name is null");
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(status, "status is null");
        bricks = List.copyOf(bricks);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A volume without arbiter bricks and with no options set. */
    public VolumeInfo(String name, String id, String type, String status, int replicaCount, int brickCount,
            List<String> bricks) {
        this(name, id, type, status, replicaCount, brickCount, bricks, 0, Map.of());
    }

    /** A volume with no options set. */
    public VolumeInfo(String name, String id, String type, String status, int replicaCount, int brickCount,
            List<String> bricks, int arbiterCount) {
        this(name, id, type, status, replicaCount, brickCount, bricks, arbiterCount, Map.of());
    }

    /** A volume without arbiter bricks. */
    public VolumeInfo(String name, String id, String type, String status, int replicaCount, int brickCount,
            List<String> bricks, Map<String, String> options) {
        this(name, id, type, status, replicaCount, brickCount, bricks, 0, options);
    }

    public boolean started() {
        return status.equals(STARTED);
    }
}
