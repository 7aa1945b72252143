package io.brickwork.coordinator.health.facts;

import static java.util.Objects.requireNonNull;

import io.brickwork.proto.agent.v1.BrickReport;
import io.brickwork.proto.agent.v1.HealReport;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.ReportPart;
import io.brickwork.proto.agent.v1.UnreadPart;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a node's reports tell, part by part, with when each part was last read. A report that
 * could not read a part (it lists the part in {@code unread}: a gluster read failed or timed out)
 * does not wipe what an earlier report said: the last known value stays, with its read time, so
 * that "could not be read" never turns into "brick offline". How long a last known value still
 * counts is the rules' call ({@link io.brickwork.coordinator.health.rules.Now#counts}).
 *
 * <p>Reports of agents that predate {@code unread} never list a part there: every part they
 * carry, or leave out, is as fresh as the report, as before.
 *
 * @param report the latest report with its unread parts filled in from earlier ones
 * @param brickReadMillis per brick ({@link #brickKey}): when its state was read
 * @param bricksUnread why the latest brick table could not be read; empty when it was
 * @param healReadMillis per volume: when its heal counts were read
 * @param glusterdReadMillis when glusterd's state was read (the agent's get-state)
 * @param stale the keys ({@link #brickKey}, {@link #healKey}, {@link #GLUSTERD}) whose value is a last known one,
 *     not read by the latest report; empty in the usual case of a complete report
 */
public record KnownFacts(NodeReport report, Map<String, Long> brickReadMillis, Optional<String> bricksUnread,
        Map<String, Long> healReadMillis, long glusterdReadMillis, Set<String> stale) {
    static final String GLUSTERD = "glusterd";

    public KnownFacts {
        requireNonNull(report, "report is null");
        brickReadMillis = Map.copyOf(brickReadMillis);
        requireNonNull(bricksUnread, "bricksUnread is null");
        healReadMillis = Map.copyOf(healReadMillis);
        stale = Set.copyOf(stale);
    }

    static String healKey(String volume) {
        return "heal\u0000" + volume;
    }

    public boolean glusterdStale() {
        return stale.contains(GLUSTERD);
    }

    public boolean brickStale(BrickReport brick) {
        return !stale.isEmpty() && stale.contains(brickKey(brick.getVolume(), brick.getBrick()));
    }

    public boolean healStale(String volume) {
        return !stale.isEmpty() && stale.contains(healKey(volume));
    }

    static String brickKey(String volume, String brick) {
        return volume + "\u0000" + brick;
    }

    /** The facts after {@code report} arrived at {@code nowMillis}, on top of what was known before. */
    static KnownFacts merge(Optional<KnownFacts> previous, NodeReport report, long nowMillis) {
        requireNonNull(previous, "previous is null");
        requireNonNull(report, "report is null");
        Map<ReportPart, UnreadPart> unread = new LinkedHashMap<>();
        Map<String, UnreadPart> unreadHeals = new HashMap<>();
        for (UnreadPart part : report.getUnreadList()) {
            if (part.getPart() == ReportPart.REPORT_PART_HEALS) {
                unreadHeals.put(part.getVolume(), part);
            } else {
                unread.putIfAbsent(part.getPart(), part);
            }
        }
        if (unread.isEmpty() && unreadHeals.isEmpty()) {
            return fresh(report, nowMillis);
        }
        Optional<NodeReport> before = previous.map(KnownFacts::report);
        NodeReport.Builder merged = report.toBuilder();
        Set<String> stale = new HashSet<>();

        long glusterdRead = nowMillis;
        UnreadPart peers = unread.get(ReportPart.REPORT_PART_PEERS);
        if (peers != null) {
            // The last known table stands in, unless glusterd is down: its table went with it.
            merged.clearPeers();
            if (peers.getUnknown() || report.getGlusterdRunning()) {
                merged.addAllPeers(before.map(NodeReport::getPeersList).orElse(List.of()));
            }
            if (peers.getUnknown()) {
                // No answer in time says nothing about glusterd: keep what was known, or not running when nothing was.
                merged.setGlusterdRunning(before.map(NodeReport::getGlusterdRunning).orElse(false));
                glusterdRead = previous.map(KnownFacts::glusterdReadMillis).orElse(0L);
                stale.add(GLUSTERD);
            }
        }

        Map<String, Long> brickRead = new HashMap<>();
        report.getBricksList().forEach(brick -> brickRead.put(brickKey(brick.getVolume(), brick.getBrick()), nowMillis));
        Optional<String> bricksUnread = Optional.empty();
        UnreadPart bricks = unread.get(ReportPart.REPORT_PART_BRICKS);
        if (bricks != null) {
            bricksUnread = Optional.of(bricks.getReason());
            // The bricks the report does list are the agent's own evidence (a brick process gone); the rest were not read.
            for (BrickReport known : before.map(NodeReport::getBricksList).orElse(List.of())) {
                String key = brickKey(known.getVolume(), known.getBrick());
                if (!brickRead.containsKey(key)) {
                    merged.addBricks(known);
                    brickRead.put(key, previous.get().brickReadMillis().getOrDefault(key, 0L));
                    stale.add(key);
                }
            }
        }

        Map<String, Long> healRead = new HashMap<>();
        report.getHealsList().forEach(heal -> healRead.put(heal.getVolume(), nowMillis));
        if (!unreadHeals.isEmpty()) {
            merged.clearHeals();
            report.getHealsList().stream().filter(heal -> !unreadHeals.containsKey(heal.getVolume()))
                    .forEach(merged::addHeals);
            unreadHeals.keySet().forEach(healRead::remove);
            for (HealReport known : before.map(NodeReport::getHealsList).orElse(List.of())) {
                if (unreadHeals.containsKey(known.getVolume())) {
                    merged.addHeals(known);
                    healRead.put(known.getVolume(), previous.get().healReadMillis(known.getVolume()));
                    stale.add(healKey(known.getVolume()));
                }
            }
        }

        if (unread.containsKey(ReportPart.REPORT_PART_HOST) && before.isPresent()) {
            merged.clearDisks().addAllDisks(before.get().getDisksList()).setLoad1(before.get().getLoad1())
                    .setMemoryTotalBytes(before.get().getMemoryTotalBytes())
                    .setMemoryAvailableBytes(before.get().getMemoryAvailableBytes());
        }
        if (unread.containsKey(ReportPart.REPORT_PART_MOUNTS) && before.isPresent()) {
            merged.clearMounts().addAllMounts(before.get().getMountsList());
        }
        return new KnownFacts(merged.build(), brickRead, bricksUnread, healRead, glusterdRead, stale);
    }

    private static KnownFacts fresh(NodeReport report, long nowMillis) {
        Map<String, Long> brickRead = new HashMap<>();
        report.getBricksList().forEach(brick -> brickRead.put(brickKey(brick.getVolume(), brick.getBrick()), nowMillis));
        Map<String, Long> healRead = new HashMap<>();
        report.getHealsList().forEach(heal -> healRead.put(heal.getVolume(), nowMillis));
        return new KnownFacts(report, brickRead, Optional.empty(), healRead, nowMillis, Set.of());
    }

    /** 0 when the brick's state was never read. */
    public long brickReadMillis(BrickReport brick) {
        return brickReadMillis.getOrDefault(brickKey(brick.getVolume(), brick.getBrick()), 0L);
    }

    public long healReadMillis(String volume) {
        return healReadMillis.getOrDefault(volume, 0L);
    }
}
