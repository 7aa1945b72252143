package io.brickwork.coordinator.health.rules;

import io.brickwork.coordinator.health.facts.KnownFacts;
import io.brickwork.coordinator.health.problems.Problem;
import io.brickwork.proto.agent.v1.HealReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A brick's heal backlog: entries pending heal degrade its volume, files in split-brain fail it.
 * Every node that reads heal counts reports them for every brick of the volume; a brick's counts
 * are the highest any node reported under any of its names. A count that could not be read again
 * is the last known one, while it counts.
 */
public final class HealBacklogRule {
    private HealBacklogRule() {}

    /** @param stale one of the counts is a last known one, its latest read having failed */
    public record HealCounts(long pending, long splitBrain, boolean stale) {
        static final HealCounts NONE = new HealCounts(0, 0, false);

        HealCounts max(long otherPending, long otherSplitBrain, boolean otherStale) {
            return new HealCounts(Math.max(pending, otherPending), Math.max(splitBrain, otherSplitBrain),
                    stale || otherStale);
        }

        public boolean none() {
            return pending == 0 && splitBrain == 0 && !stale;
        }
    }

    /**
     * Per brick name ("host:path", as gluster names it), the highest counts reported for one
     * volume; counts too old to count are left out. Indexed once per volume, not per brick.
     */
    public static Map<String, HealCounts> index(String volume, Collection<KnownFacts> reporting, Now now) {
        Map<String, HealCounts> index = new HashMap<>();
        for (KnownFacts facts : reporting) {
            boolean stale = facts.healStale(volume);
            if (stale && !now.counts(facts.healReadMillis(volume))) {
                continue;
            }
            for (HealReport heal : facts.report().getHealsList()) {
                // Zero counts read now add nothing to a maximum: most bricks, most of the time.
                if (heal.getPending() == 0 && heal.getSplitBrain() == 0 && !stale) {
                    continue;
                }
                if (heal.getVolume().equals(volume)) {
                    index.merge(heal.getBrick(), HealCounts.NONE.max(heal.getPending(), heal.getSplitBrain(), stale),
                            (a, b) -> a.max(b.pending(), b.splitBrain(), b.stale()));
                }
            }
        }
        return index;
    }

    /** @param names the names the brick may carry in the counts */
    public static HealCounts counts(Map<String, HealCounts> index, List<String> names) {
        HealCounts counts = HealCounts.NONE;
        for (String name : names) {
            HealCounts found = index.get(name);
            if (found != null) {
                counts = counts.max(found.pending(), found.splitBrain(), found.stale());
            }
        }
        return counts;
    }

    public static List<Problem> problems(String volume, String node, String brick, HealCounts counts) {
        List<Problem> problems = new ArrayList<>();
        if (counts.pending() > 0) {
            problems.add(Problem.healPending(volume, node, brick, counts.pending(), counts.stale()));
        }
        if (counts.splitBrain() > 0) {
            problems.add(Problem.splitBrain(volume, node, brick, counts.splitBrain(), counts.stale()));
        }
        return problems;
    }
}
