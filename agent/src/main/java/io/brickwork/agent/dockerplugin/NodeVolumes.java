package io.brickwork.agent.dockerplugin;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.files.OctalEscapes;
import io.brickwork.agent.files.TextLines;
import io.brickwork.common.validation.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Brickwork volumes this node mounts and where, read from /etc/fstab: apply writes exactly
 * one glusterfs line per mount point, so the file names a volume's mount point even while it is
 * not mounted, and it is there at boot before the agent reaches the coordinator. Only mount
 * points the agent may act on (its mount roots) count.
 */
final class NodeVolumes {
    /** Reads the fstab text; a seam for tests. */
    @FunctionalInterface
    interface FstabSource {
        String read() throws IOException;
    }

    private final FstabSource fstab;
    private final List<Path> mountRoots;

    NodeVolumes(FstabSource fstab, List<Path> mountRoots) {
        this.fstab = requireNonNull(fstab, "fstab is null");
        this.mountRoots = List.copyOf(mountRoots);
    }

    /** Volume name to mount point, sorted by name. */
    Map<String, Path> mountPoints() throws IOException {
        Map<String, Path> volumes = new TreeMap<>();
        for (String line : TextLines.split(fstab.read())) {
            String body = TextLines.body(line).strip();
            if (body.isEmpty() || body.startsWith("#")) {
                continue;
            }
            String[] fields = body.split("\\s+");
            if (fields.length < 3 || !fields[2].equals("glusterfs")) {
                continue;
            }
            String source = OctalEscapes.unescape(fields[0]);
            int separator = source.lastIndexOf(":/");
            String mountText = OctalEscapes.unescape(fields[1]);
            if (separator < 0 || Validation.absolutePathProblem(mountText).isPresent()) {
                continue;
            }
            String volume = source.substring(separator + 2);
            Path mountPoint = Path.of(mountText);
            if (Validation.nameProblem(volume).isEmpty() && underRoots(mountPoint)) {
                volumes.putIfAbsent(volume, mountPoint);
            }
        }
        return volumes;
    }

    /** The mount point of {@code volume}, or of the node's only volume when none is named. */
    Path mountPointOf(Optional<String> volume) throws IOException, DockerVolumeRequestException {
        Map<String, Path> volumes = mountPoints();
        if (volume.isPresent()) {
            Path mountPoint = volumes.get(volume.get());
            if (mountPoint == null) {
                throw new DockerVolumeRequestException("Brickwork volume '" + volume.get() + "' is not mounted on this"
                        + " node by Brickwork (no glusterfs line in /etc/fstab); this node has: " + names(volumes));
            }
            return mountPoint;
        }
        if (volumes.size() != 1) {
            throw new DockerVolumeRequestException("this node has " + names(volumes) + "; say which with -o volume=NAME");
        }
        return volumes.values().iterator().next();
    }

    String defaultVolume(Optional<String> volume) throws IOException, DockerVolumeRequestException {
        if (volume.isPresent()) {
            mountPointOf(volume);
            return volume.get();
        }
        Map<String, Path> volumes = mountPoints();
        mountPointOf(volume);
        return volumes.keySet().iterator().next();
    }

    private static String names(Map<String, Path> volumes) {
        return volumes.isEmpty() ? "no Brickwork volume" : "Brickwork volumes " + String.join(", ", volumes.keySet());
    }

    private boolean underRoots(Path mountPoint) {
        return mountRoots.stream().anyMatch(mountPoint::startsWith);
    }
}
