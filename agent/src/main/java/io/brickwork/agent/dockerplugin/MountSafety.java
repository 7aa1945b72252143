package io.brickwork.agent.dockerplugin;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.mount.MountEntry;
import io.brickwork.agent.mount.MountTable;
import io.brickwork.agent.report.MountProber;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a Brickwork volume's mount on this node may be used right now: mounted at its mount
 * point as fuse.glusterfs from that volume, not lying on another glusterfs mount, and answering
 * a stat within the probe's timeout. Anything the driver reads or writes on the volume waits for
 * this first: otherwise a directory or record would land on the local disk under the mount
 * point, or a thread would sit forever in a hung FUSE call.
 */
final class MountSafety {
    private final MountTable mountTable;
    private final MountProber prober;

    MountSafety(MountTable mountTable, MountProber prober) {
        this.mountTable = requireNonNull(mountTable, "mountTable is null");
        this.prober = requireNonNull(prober, "prober is null");
    }

    /** Empty when safe; otherwise why not, as a sentence naming the mount. */
    Optional<String> unsafe(String volume, Path mountPoint) throws InterruptedException {
        Optional<MountEntry> mounted;
        Optional<MountEntry> above;
        try {
            mounted = mountTable.at(mountPoint);
            above = mountTable.glusterfsAbove(mountPoint);
        } catch (IOException e) {
            return Optional.of("the mount table cannot be read: " + e.getMessage());
        }
        if (mounted.isEmpty()) {
            return Optional.of(mountPoint + " is not mounted (Brickwork volume " + volume + ")");
        }
        MountEntry entry = mounted.get();
        if (!entry.isGlusterfs() || !entry.source().endsWith(":/" + volume)) {
            return Optional.of(mountPoint + " has " + entry.source() + " (" + entry.fsType() + ") mounted, not "
                    + "Brickwork volume " + volume + " (" + MountEntry.GLUSTERFS + ")");
        }
        if (above.isPresent()) {
            return Optional.of(mountPoint + " lies on another glusterfs mount, " + above.get());
        }
        Map<Path, MountProber.Outcome> probed = prober.probe(List.of(mountPoint));
        MountProber.Outcome outcome = probed.get(mountPoint);
        if (outcome instanceof MountProber.Outcome.Hung) {
            return Optional.of(mountPoint + " (Brickwork volume " + volume + ") is hung: a stat did not return in time");
        }
        if (outcome instanceof MountProber.Outcome.Failed failed) {
            return Optional.of(mountPoint + " (Brickwork volume " + volume + ") does not answer: " + failed.reason());
        }
        return Optional.empty();
    }
}
