package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.mount.MountEntry;
import io.brickwork.agent.mount.MountTable;
import io.brickwork.proto.agent.v1.MountReport;
import io.brickwork.proto.common.v1.MountState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of every watched mount point: the mount table says what is mounted there, a probe
 * (bounded, see {@link MountProber}) whether a glusterfs mount answers. Cheap enough to run on
 * the report's own thread, and between reports to notice a change.
 */
final class MountReader {
    private final MountTable mountTable;
    private final MountProber prober;

    MountReader(MountTable mountTable, MountProber prober) {
        this.mountTable = requireNonNull(mountTable, "mountTable is null");
        this.prober = requireNonNull(prober, "prober is null");
    }

    Reading<List<MountReport>> read(List<String> mountPoints) throws InterruptedException {
        List<Path> watched = WatchEntries.paths(mountPoints);
        Map<Path, MountEntry> mounted = new LinkedHashMap<>();
        try {
            for (Path mountPoint : watched) {
                mountTable.at(mountPoint).ifPresent(entry -> mounted.put(mountPoint, entry));
            }
        } catch (IOException e) {
            return Reading.failed("mount table: " + e.getMessage());
        }
        List<Path> glusterfs = mounted.values().stream().filter(MountEntry::isGlusterfs)
                .map(MountEntry::mountPoint).toList();
        Map<Path, MountProber.Outcome> probes = prober.probe(glusterfs);
        List<MountReport> reports = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path mountPoint : watched) {
            MountReport.Builder mount = MountReport.newBuilder().setMountPoint(mountPoint.toString());
            MountEntry entry = mounted.get(mountPoint);
            if (entry == null) {
                reports.add(mount.setState(MountState.MOUNT_STATE_NOT_MOUNTED).build());
                continue;
            }
            mount.setSource(entry.source());
            if (!entry.isGlusterfs()) {
                reports.add(mount.setState(MountState.MOUNT_STATE_WRONG_FS).build());
                continue;
            }
            MountProber.Outcome outcome = probes.get(mountPoint);
            if (outcome instanceof MountProber.Outcome.Answered answered) {
                mount.setState(MountState.MOUNT_STATE_OK)
                        .setOwner(answered.owners().user()).setGroup(answered.owners().group());
            } else if (outcome instanceof MountProber.Outcome.Failed failed) {
                // ENOTCONN and friends: the FUSE client is gone; for whoever uses the mount that is as bad as hung.
                mount.setState(MountState.MOUNT_STATE_HUNG);
                errors.add("stat " + mountPoint + ": " + failed.reason());
            } else {
                mount.setState(MountState.MOUNT_STATE_HUNG);
            }
            reports.add(mount.build());
        }
        return Reading.known(reports, errors);
    }
}
