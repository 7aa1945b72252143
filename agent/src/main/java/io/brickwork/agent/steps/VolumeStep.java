package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency: the volume is created only when no volume has its name, and an existing one is
 * never changed, so a second run only reads volume info (and a different layout is refused).
 */
public final class VolumeStep implements Step {
    private final VolumeLayout layout;
    private final GlusterCli cli;
    private final StepContext context;

    public VolumeStep(VolumeLayout layout, GlusterCli cli, StepContext context) {
        this.layout = requireNonNull(layout, "layout is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws CommandException {
        Optional<VolumeInfo> existing = cli.volumeInfo(layout.name(), context.commandTimeout());
        if (existing.isEmpty()) {
            return Check.needs("create " + layout.describe() + (layout.force() ? " (force)" : ""));
        }
        List<String> differences = layout.differences(existing.get());
        if (differences.isEmpty()) {
            return Check.inSync(layout.describe() + " exists as asked");
        }
        return Check.refused("volume " + layout.name() + " exists with a different layout: "
                + String.join("; ", differences) + "; change it by hand or choose another name");
    }

    /**
     * glusterd refuses a create in its staging phase while any two peers of the pool are not yet
     * connected to each other, which lasts a moment after a probe: the manager sees its peers
     * connected before they see each other. A refused staging creates nothing, so the create is
     * tried again, after a fresh read that the volume still does not exist, until the step's
     * deadline; any other refusal fails at once.
     */
    @Override
    public void apply() throws CommandException, IOException, InterruptedException {
        PeersStillConnecting.apply(context, () -> cli.volumeInfo(layout.name(), context.commandTimeout()).isPresent(),
                () -> cli.createVolume(layout.name(), layout.replica(), layout.arbiterCount(), layout.bricks(),
                        layout.force(), context.commandTimeout()));
    }

    @Override
    public Check verify() throws CommandException {
        return check();
    }
}
