package io.brickwork.coordinator.health;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.health.facts.NodeObservation;
import io.brickwork.coordinator.health.rules.BrickOfflineRule;
import io.brickwork.coordinator.health.rules.BrickOfflineRule.BrickVerdict;
import io.brickwork.coordinator.health.rules.MountRule;
import io.brickwork.coordinator.health.rules.MountRule.MountVerdict;
import io.brickwork.coordinator.health.rules.NodeView;
import io.brickwork.coordinator.health.rules.Now;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The status evaluator with a memory, the only one in the health model: always the status
 * {@link StatusEvaluator} computes anew for the same arguments, only cheaper when little changed.
 * Reports arrive from every node every few seconds and status is read by every watcher and
 * scrape, so most evaluations see the same spec and observations as the one before, or differ in
 * a few nodes.
 *
 * <ul>
 *   <li>The whole status is given again while the spec and every observation are equal and the
 *       moment is one every answer in it holds for: a node turning STALE, or a "for N s" turning
 *       N + 1, ends that.</li>
 *   <li>Otherwise the status is assembled again, with the node views and brick and mount verdicts
 *       of inputs that did not change given again ({@link Memo}).</li>
 * </ul>
 *
 * <p>Not thread-safe: the health model calls it under its lock.
 */
final class MemoizedEvaluator {
    private final Duration reportInterval;
    private final Memo<NodeView.Input, NodeInfo> nodes = new Memo<>(NodeView::info, NodeView.Input::node);
    private final Memo<BrickOfflineRule.Input, BrickVerdict> bricks = new Memo<>(BrickOfflineRule::verdict,
            input -> List.of(input.volume(), input.brick()));
    private final Memo<MountRule.Input, MountVerdict> mounts = new Memo<>(MountRule::verdict,
            input -> List.of(input.volume(), input.node()));
    private final StatusEvaluator.Parts parts = new StatusEvaluator.Parts() {
        @Override
        public NodeInfo node(NodeView.Input input, Now now) {
            return nodes.apply(input, now);
        }

        @Override
        public BrickVerdict brick(BrickOfflineRule.Input input, Now now) {
            return bricks.apply(input, now);
        }

        @Override
        public MountVerdict mount(MountRule.Input input, Now now) {
            return mounts.apply(input, now);
        }
    };

    private Optional<ClusterSpec> lastSpec = Optional.empty();
    private List<NodeObservation> lastObservations = List.of();
    private GetStatusResponse last;
    private long lastFromMillis;
    private long lastUntilMillis;

    MemoizedEvaluator(Duration reportInterval) {
        this.reportInterval = requireNonNull(reportInterval, "reportInterval is null");
    }

    GetStatusResponse evaluate(Optional<ClusterSpec> spec, Collection<NodeObservation> observations, long nowMillis) {
        List<NodeObservation> inputs = List.copyOf(observations);
        if (last != null && lastFromMillis <= nowMillis && nowMillis < lastUntilMillis && spec.equals(lastSpec)
                && inputs.equals(lastObservations)) {
            return last;
        }
        Now now = new Now(nowMillis, reportInterval);
        last = StatusEvaluator.evaluate(spec, inputs, now, parts);
        nodes.endEvaluation();
        bricks.endEvaluation();
        mounts.endEvaluation();
        lastSpec = spec;
        lastObservations = inputs;
        lastFromMillis = nowMillis;
        lastUntilMillis = now.answersHoldUntil();
        return last;
    }
}
