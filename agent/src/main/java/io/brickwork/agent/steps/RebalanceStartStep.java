package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.RebalanceStatus;
import io.brickwork.agent.system.CommandException;
import java.util.Optional;

/**
 * Idempotency: a rebalance is started only while none of the volume runs; while one runs a run
 * only reads its status. A finished one (completed, stopped, failed) may be from before the
 * layout change, so it does not count: the coordinator asks for this step once per change and
 * journals that it did.
 */
public final class RebalanceStartStep implements Step {
    static final String IN_PROGRESS = "in progress";

    private final String volume;
    private final boolean fixLayout;
    private final GlusterCli cli;
    private final StepContext context;

    public RebalanceStartStep(String volume, boolean fixLayout, GlusterCli cli, StepContext context) {
        this.volume = requireNonNull(volume, "volume is null");
        this.fixLayout = fixLayout;
        this.cli = requireNonNull(cli, "cli is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws CommandException {
        Optional<RebalanceStatus> status = cli.rebalanceStatus(volume, context.commandTimeout());
        if (status.isPresent() && status.get().status().contains(IN_PROGRESS)) {
            return Check.inSync("a rebalance of " + volume + " is running (task " + status.get().taskId() + ")");
        }
        return Check.needs("start a " + (fixLayout ? "fix-layout " : "") + "rebalance of volume " + volume
                + status.map(last -> " (the last one: " + last.status() + ")").orElse(""));
    }

    @Override
    public void apply() throws CommandException {
        cli.startRebalance(volume, fixLayout, context.commandTimeout());
    }

    /** Started: a small volume's rebalance may have completed by the time it is read. */
    @Override
    public Check verify() throws CommandException {
        Optional<RebalanceStatus> status = cli.rebalanceStatus(volume, context.commandTimeout());
        if (status.isEmpty()) {
            return Check.needs("no rebalance of " + volume + " is reported after the start");
        }
        return Check.inSync("rebalance of " + volume + " started (task " + status.get().taskId() + ", "
                + status.get().status() + ")");
    }
}
