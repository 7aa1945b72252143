package io.brickwork.coordinator.health.rules;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.health.problems.Problem;
import io.brickwork.proto.agent.v1.MountReport;
import io.brickwork.proto.common.v1.MountState;
import io.brickwork.proto.coordinator.v1.MountStatus;
import io.brickwork.proto.coordinator.v1.ProblemKind;
import java.util.Optional;

/**
 * A node's mount of a volume, as its agent last saw the mount point: anything but the volume
 * itself, mounted and answering, is a problem of the node, and degrades the volume — containers
 * would write somewhere else, or hang.
 */
public final class MountRule {
    private MountRule() {}

    /** @param reported what the node's report says of the volume's mount point; empty when it says nothing */
    public record Input(String node, String volume, String mountPoint, Optional<MountReport> reported) {
        public Input {
            requireNonNull(node, "node is null");
            requireNonNull(volume, "volume is null");
            requireNonNull(mountPoint, "mountPoint is null");
            requireNonNull(reported, "reported is null");
        }
    }

    /** @param mount the mount as status lists it; empty when the report said nothing of it */
    public record MountVerdict(Optional<MountStatus> mount, Optional<Problem> problem) {
        static final MountVerdict NOT_REPORTED = new MountVerdict(Optional.empty(), Optional.empty());
    }

    public static MountVerdict verdict(Input in, Now now) {
        if (in.reported().isEmpty()) {
            return MountVerdict.NOT_REPORTED;
        }
        MountReport reported = in.reported().get();
        // A state this coordinator does not know yet (a newer agent's) is no verdict at all.
        MountState state = reported.getState() == MountState.UNRECOGNIZED ? MountState.MOUNT_STATE_UNSPECIFIED
                : reported.getState();
        MountStatus mount = MountStatus.newBuilder().setNode(in.node()).setMountPoint(in.mountPoint())
                .setMounted(state == MountState.MOUNT_STATE_OK || state == MountState.MOUNT_STATE_HUNG
                        || state == MountState.MOUNT_STATE_WRONG_FS)
                .setSource(reported.getSource()).setOwner(reported.getOwner()).setGroup(reported.getGroup())
                .setState(state).build();
        return new MountVerdict(Optional.of(mount), problem(in, reported.getSource(), state));
    }

    private static Optional<Problem> problem(Input in, String source, MountState state) {
        if (state == MountState.MOUNT_STATE_OK) {
            boolean theVolume = source.isEmpty() || source.endsWith(":/" + in.volume());
            return theVolume ? Optional.empty() : Optional.of(Problem.mount(ProblemKind.PROBLEM_KIND_MOUNT_WRONG_VOLUME,
                    in.node(), in.volume(), in.mountPoint(), source));
        }
        ProblemKind kind = switch (state) {
            case MOUNT_STATE_NOT_MOUNTED -> ProblemKind.PROBLEM_KIND_NOT_MOUNTED;
            case MOUNT_STATE_HUNG -> ProblemKind.PROBLEM_KIND_MOUNT_HUNG;
            case MOUNT_STATE_WRONG_FS -> ProblemKind.PROBLEM_KIND_MOUNT_WRONG_FS;
            default -> ProblemKind.PROBLEM_KIND_MOUNT_UNKNOWN;
        };
        return Optional.of(Problem.mount(kind, in.node(), in.volume(), in.mountPoint(), source));
    }
}
