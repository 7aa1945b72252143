package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.system.CommandException;
import java.util.Optional;

/**
 * The volume is stopped, for a change gluster makes only on a stopped volume (a switch to TLS).
 * Idempotency: {@code volume stop} runs only when volume info says the volume is started, so a
 * second run only reads. A missing volume is refused: there is nothing the caller's change could
 * apply to.
 */
public final class VolumeStoppedStep implements Step {
    private final String name;
    private final GlusterCli cli;
    private final StepContext context;

    public VolumeStoppedStep(String name, GlusterCli cli, StepContext context) {
        this.name = requireNonNull(name, "name is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws CommandException {
        Optional<VolumeInfo> info = cli.volumeInfo(name, context.commandTimeout());
        if (info.isEmpty()) {
            return Check.refused("volume " + name + " does not exist");
        }
        return info.get().started() ? Check.needs("stop volume " + name)
                : Check.inSync("volume " + name + " is stopped");
    }

    @Override
    public void apply() throws CommandException {
        cli.stopVolume(name, context.commandTimeout());
    }

    @Override
    public Check verify() throws CommandException {
        return check();
    }
}
