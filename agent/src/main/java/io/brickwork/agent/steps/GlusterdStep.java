package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.services.Glusterd;
import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Idempotency: systemctl runs only when glusterd is not enabled or not active, so a node whose
 * glusterd is enabled, active and answering is only queried.
 *
 * <p>"Answering" in the check is glusterd accepting a connection on its socket; only when it
 * does not is the CLI asked, and its answer decides. The CLI would cost every node ~60 ms of CPU
 * per apply for nothing more: a glusterd that accepts but hangs is caught by the manager's peer
 * step, which needs every peer "Connected", and glusterd keeps that state only while the peer's
 * glusterd answers its pings. After a start, verify asks the CLI.
 */
public final class GlusterdStep implements Step {
    static final String NO_SYSTEMD = "glusterd is not answering and systemd is not running here; start glusterd";

    private final Glusterd glusterd;
    private final GlusterCli cli;
    private final StepContext context;
    private boolean needsSystemctl;

    public GlusterdStep(Glusterd glusterd, GlusterCli cli, StepContext context) {
        this.glusterd = requireNonNull(glusterd, "glusterd is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws CommandException, StepFailedException {
        if (!glusterd.systemdManaged()) {
            // Without systemd there is nothing we may start: starting daemons by hand is not our job.
            if (!answering()) {
                throw new StepFailedException(NO_SYSTEMD);
            }
            return Check.inSync("glusterd answers (not managed by systemd here)");
        }
        List<String> changes = new ArrayList<>();
        if (!glusterd.enabled(context.commandTimeout())) {
            changes.add("enable glusterd at boot");
        }
        if (!glusterd.active(context.commandTimeout())) {
            changes.add("start glusterd");
        }
        needsSystemctl = !changes.isEmpty();
        if (!needsSystemctl && answering()) {
            return Check.inSync("glusterd is enabled, active and answering");
        }
        if (!needsSystemctl) {
            changes.add("wait for glusterd to answer");
        }
        return Check.needs(changes);
    }

    private boolean answering() throws CommandException {
        return glusterd.listening() || cli.answers(context.commandTimeout());
    }

    @Override
    public void apply() throws CommandException {
        if (needsSystemctl) {
            glusterd.enableNow(context.commandTimeout());
        }
    }

    /** A just-started glusterd takes a moment before the CLI gets answers. */
    @Override
    public Check verify() throws CommandException, IOException, InterruptedException {
        if (!glusterd.enabled(context.commandTimeout()) || !glusterd.active(context.commandTimeout())) {
            return Check.needs("enable and start glusterd");
        }
        boolean answering = context.poll(() -> cli.answers(context.commandTimeout()), Boolean::booleanValue);
        return answering ? Check.inSync("glusterd is enabled, active and answering")
                : Check.needs("wait for glusterd to answer");
    }
}
