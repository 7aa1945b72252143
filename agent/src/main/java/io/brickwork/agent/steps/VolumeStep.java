package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.system.CommandException;
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

    @Override
    public void apply() throws CommandException {
        cli.createVolume(layout.name(), layout.replica(), layout.arbiterCount(), layout.bricks(), layout.force(),
                context.commandTimeout());
    }

    @Override
    public Check verify() throws CommandException {
        return check();
    }
}
