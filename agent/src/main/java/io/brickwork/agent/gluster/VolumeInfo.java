package io.brickwork.agent.gluster;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A volume as {@code gluster volume info} shows it.
 *
 * @param type e.g. "Replicate", "Distribute", "Distributed-Replicate"
 * @param status "Created", "Started" or "Stopped"
 * @param bricks "host:path", in volume order (the order decides the replica sets)
 */
public record VolumeInfo(String name, String id, String type, String status, int replicaCount, int brickCount,
        List<String> bricks, int arbiterCount) {
    public static final String STARTED = "Started";

    public VolumeInfo {
        requireNonNull(name, "name is null");
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(status, "status is null");
        bricks = List.copyOf(bricks);
    }

    /** A volume without arbiter bricks. */
    public VolumeInfo(String name, String id, String type, String status, int replicaCount, int brickCount,
            List<String> bricks) {
        this(name, id, type, status, replicaCount, brickCount, bricks, 0);
    }

    public boolean started() {
        return status.equals(STARTED);
    }
}
