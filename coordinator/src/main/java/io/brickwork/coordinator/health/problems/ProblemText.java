package io.brickwork.coordinator.health.problems;

import java.util.OptionalLong;

/** The sentence for people of each kind of problem: the one place a problem becomes words. */
public final class ProblemText {
    /** What a node that could not read a part says when it gives no reason. */
    private static final String NO_ANSWER = "no answer";

    private ProblemText() {}

    public static String of(Problem p) {
        return switch (p.kind()) {
            case PROBLEM_KIND_NOTHING_APPLIED -> "nothing has been applied yet";
            case PROBLEM_KIND_AGENT_NOT_CONNECTED -> p.node() + ": agent not connected";
            case PROBLEM_KIND_NODE_STALE -> p.node() + ": no report for " + seconds(p) + " s";
            case PROBLEM_KIND_NODE_NOT_REPORTING -> p.node() + ": no report for " + seconds(p)
                    + " s (agent stream open)";
            case PROBLEM_KIND_GLUSTERD_NOT_RUNNING -> p.node() + ": glusterd not running" + lastRead(p);
            case PROBLEM_KIND_GLUSTERD_UNKNOWN -> p.node() + ": glusterd state unknown (not read "
                    + notReadFor(p.seconds()) + ")";
            case PROBLEM_KIND_PEER_DISCONNECTED -> "peer " + p.peer() + " is disconnected (seen from " + p.node() + ")";
            case PROBLEM_KIND_AGENT_ERROR -> p.node() + ": " + p.detail().orElse("");
            case PROBLEM_KIND_BRICK_OFFLINE -> p.volume() + ": brick " + p.brick() + " is offline" + lastRead(p);
            case PROBLEM_KIND_BRICK_UNKNOWN -> p.volume() + ": brick " + p.brick() + " state unknown ("
                    + whyUnknown(p) + ")";
            case PROBLEM_KIND_BRICK_STALE -> p.volume() + ": brick " + p.brick() + " state not read for " + seconds(p)
                    + " s (" + p.detail().orElse(NO_ANSWER) + "); last known online";
            case PROBLEM_KIND_HEAL_PENDING -> p.volume() + ": " + p.count() + " entries pending heal on " + p.brick()
                    + lastKnownCount(p);
            case PROBLEM_KIND_SPLIT_BRAIN -> p.volume() + ": " + p.count() + " files in split-brain on " + p.brick()
                    + lastKnownCount(p);
            case PROBLEM_KIND_QUORUM_LOST -> p.volume() + ": quorum lost, " + p.count() + " of "
                    + p.replicaSet().size() + " bricks online in replica set " + String.join(", ", p.replicaSet());
            case PROBLEM_KIND_NOT_MOUNTED -> p.node() + ": " + p.mountPoint()
                    + " not mounted — containers would write to local disk";
            case PROBLEM_KIND_MOUNT_HUNG -> p.node() + ": " + p.mountPoint() + " is not responding (hung mount)";
            case PROBLEM_KIND_MOUNT_WRONG_FS -> p.node() + ": " + p.mountPoint() + " has another file system mounted"
                    + p.detail().map(source -> " (" + source + ")").orElse("")
                    + ", not the gluster volume — containers would write to it instead";
            case PROBLEM_KIND_MOUNT_WRONG_VOLUME -> p.node() + ": " + p.mountPoint() + " has "
                    + p.detail().orElse("") + " mounted, not volume " + p.volume();
            case PROBLEM_KIND_MOUNT_UNKNOWN -> p.node() + ": " + p.mountPoint() + " mount state unknown";
            case PROBLEM_KIND_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("no kind: " + p);
        };
    }

    private static long seconds(Problem p) {
        return p.seconds().orElseThrow();
    }

    /** " (last read 12 s ago)" for a last known state, else nothing. */
    private static String lastRead(Problem p) {
        return p.lastKnown() ? " (last read " + seconds(p) + " s ago)" : "";
    }

    private static String lastKnownCount(Problem p) {
        return p.lastKnown() ? " (last known count)" : "";
    }

    /** "for 12 s", or "since it connected" for a part never read on this connection. */
    private static String notReadFor(OptionalLong seconds) {
        return seconds.isPresent() ? "for " + seconds.getAsLong() + " s" : "since it connected";
    }

    private static String whyUnknown(Problem p) {
        if (p.lastKnown()) {
            return "not read " + notReadFor(p.seconds()) + ": " + p.detail().orElse(NO_ANSWER);
        }
        return p.detail().map(why -> "not read: " + why).orElse("no report from " + p.node() + " yet");
    }
}
