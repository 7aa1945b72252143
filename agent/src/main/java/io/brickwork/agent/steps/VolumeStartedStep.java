package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.system.CommandException;
import java.util.Optional;

/** Idempotency: the volume is started only when volume info says it is not, so a second run only reads. */
public final class VolumeStartedStep implements Step {
    private final String name;
    private final GlusterCli cli;
    private final StepContext context;

    public VolumeStartedStep(String name, GlusterCli cli, StepContext context) {
        this.name = requireNonNull(name, "name is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws CommandException {
        Optional<VolumeInfo> info = cli.volumeInfo(name, context.commandTimeout());
        if (info.isEmpty()) {
            // In a dry run the volume may simply not be created yet.
            return Check.needs("start volume " + name + " (it does not exist yet)");
        }
        return info.get().started() ? Check.inSync("volume " + name + " is started")
                : Check.needs("start volume " + name + " (now " + info.get().status() + ")");
    }

    @Override
    public void apply() throws CommandException {
        cli.startVolume(name, context.commandTimeout());
    }

    @Override
    public Check verify() throws CommandException {
        return check();
    }
}
