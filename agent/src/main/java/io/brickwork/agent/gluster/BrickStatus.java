package io.brickwork.agent.gluster;

import static java.util.Objects.requireNonNull;

/**
 * A brick process as glusterd knows it: this node's from get-state, or a volume's from
 * {@code volume status}.
 *
 * @param port 0 when offline (an offline brick has none)
 * @param pid -1 when unknown or offline
 */
public record BrickStatus(String volume, String host, String path, boolean online, int port, int pid) {
    public BrickStatus {
        requireNonNull(volume, "volume is null");
        requireNonNull(host, "host is null");
        requireNonNull(path, "path is null");
    }

    /** "host:path", as volume info names bricks. */
    public String brick() {
        return host + ":" + path;
    }
}
