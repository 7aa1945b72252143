package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.BrickStatus;
import io.brickwork.agent.gluster.LocalGlusterd;
import io.brickwork.proto.agent.v1.BrickReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * This node's bricks, as glusterd's state shows them, corrected by what the agent sees itself:
 * a brick whose process is gone is offline, whatever glusterd says. Remembers the last table that
 * could be read; confined to one thread (the report's).
 */
final class BrickTable {
    private final IntPredicate processAlive;
    private List<BrickReport> lastRead = List.of();

    BrickTable(IntPredicate processAlive) {
        this.processAlive = requireNonNull(processAlive, "processAlive is null");
    }

    /**
     * The bricks of a state that was read; without one, only local evidence stands in: the bricks
     * of the last table that were online and whose process has ended since are offline. The
     * others are left out: unknown.
     */
    List<BrickReport> bricks(PartReading<LocalGlusterd.State> state) {
        if (state instanceof PartReading.Known<LocalGlusterd.State> known) {
            lastRead = NodeReportAssembler.cap(known.value().bricks().stream().map(this::brick).toList());
            return lastRead;
        }
        List<BrickReport> gone = new ArrayList<>();
        for (BrickReport brick : lastRead) {
            if (processEnded(brick)) {
                gone.add(brick.toBuilder().setOnline(false).setPort(0).setPid(-1).build());
            }
        }
        return gone;
    }

    /** A brick reported online whose process has ended since. */
    boolean processEnded(BrickReport brick) {
        return brick.getOnline() && brick.getPid() > 0 && !processAlive.test(brick.getPid());
    }

    /**
     * glusterd calls a brick Started until it has handled the brick's disconnect; a brick whose
     * process the agent sees gone is offline already.
     */
    private BrickReport brick(BrickStatus brick) {
        if (brick.online() && brick.pid() > 0 && !processAlive.test(brick.pid())) {
            return BrickReport.newBuilder().setVolume(brick.volume()).setBrick(brick.brick()).setOnline(false)
                    .setPid(-1).build();
        }
        return BrickReport.newBuilder().setVolume(brick.volume()).setBrick(brick.brick()).setOnline(brick.online())
                .setPort(brick.port()).setPid(brick.pid()).build();
    }
}
