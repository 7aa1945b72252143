package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.glustertls.GlusterTls;
import io.brickwork.agent.services.Glusterd;
import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Management TLS switched on (or off again) on a node of a running pool, as one part of switching
 * the whole cluster at once: with on, the gluster certificate installed as the gluster-tls step
 * does, then {@code secure-access} created; without, removed; glusterd restarted, since it reads
 * the file only when it starts. Peers switched at other moments cannot talk to each other until
 * all have switched, which is why the coordinator switches every node in one operation.
 *
 * <p>Idempotency: once secure-access is as asked (and, with on, a valid certificate installed), a
 * run only reads. Safety: refused while a volume of this glusterd is started (its bricks and
 * clients would be cut off mid-I/O), read again right before glusterd is stopped, and glusterd
 * is started again whatever happens in between.
 */
public final class ManagementTlsSwitchStep implements Step {
    private final boolean on;
    private final GlusterTls tls;
    private final Path secureAccess;
    private final Glusterd glusterd;
    private final GlusterCli cli;
    private final StepContext context;
    private List<String> certificateProblems = List.of();
    private boolean switchNeeded;

    public ManagementTlsSwitchStep(boolean on, GlusterTls tls, Path glusterdWorkdir, Glusterd glusterd, GlusterCli cli,
            StepContext context) {
        this.on = on;
        this.tls = requireNonNull(tls, "tls is null");
        this.secureAccess = requireNonNull(glusterdWorkdir, "glusterdWorkdir is null")
                .resolve(GlusterTlsStep.SECURE_ACCESS);
        this.glusterd = requireNonNull(glusterd, "glusterd is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws CommandException, IOException {
        certificateProblems = on ? tls.problems() : List.of();
        switchNeeded = present() != on;
        List<String> changes = new ArrayList<>();
        if (!certificateProblems.isEmpty()) {
            changes.add("get a gluster certificate for a new key from the cluster CA and install it ("
                    + String.join("; ", certificateProblems) + ")");
        }
        if (switchNeeded) {
            List<String> started = started();
            if (!started.isEmpty()) {
                return Check.refused("volumes " + String.join(", ", started) + " are started: management TLS is"
                        + " switched only with every volume stopped; nothing was changed");
            }
            if (!glusterd.restartable()) {
                return Check.refused("glusterd is not managed by systemd here, and the agent may not restart it"
                        + " (restart-unmanaged-glusterd = false) to switch management TLS");
            }
            changes.add((on ? "turn management TLS on (create " : "turn management TLS off (remove ") + secureAccess
                    + ") and restart glusterd");
        }
        return changes.isEmpty() ? Check.inSync(state()) : Check.needs(changes);
    }

    private boolean present() {
        return Files.exists(secureAccess, LinkOption.NOFOLLOW_LINKS);
    }

    private List<String> started() throws CommandException {
        return cli.volumes(context.commandTimeout()).stream().filter(VolumeInfo::started).map(VolumeInfo::name).toList();
    }

    @Override
    public void apply() throws CommandException, IOException, StepFailedException, InterruptedException {
        if (!certificateProblems.isEmpty()) {
            GlusterTlsStep.obtainCertificate(tls);
        }
        if (!switchNeeded) {
            return;
        }
        // Again right before the stop: a volume may have been started since the check.
        List<String> started = started();
        if (!started.isEmpty()) {
            throw new StepFailedException("volumes " + String.join(", ", started) + " were started since the check;"
                    + " management TLS left as it was");
        }
        glusterd.stop(context.commandTimeout());
        try {
            if (on) {
                GlusterTlsStep.createSecureAccess(secureAccess);
            } else {
                Files.deleteIfExists(secureAccess);
            }
        } finally {
            glusterd.start(context.commandTimeout());
        }
    }

    /** Until glusterd answers its CLI again after the restart. */
    @Override
    public Check verify() throws CommandException, IOException, InterruptedException {
        List<String> problems = new ArrayList<>(on ? tls.problems() : List.of());
        if (present() != on) {
            problems.add(on ? "no " + secureAccess : secureAccess + " is still there");
        }
        if (!problems.isEmpty()) {
            return Check.needs(problems);
        }
        boolean answers = context.poll(() -> cli.answers(context.commandTimeout()), Boolean::booleanValue);
        return answers ? Check.inSync(state())
                : Check.needs("wait for glusterd to answer after its restart");
    }

    private String state() {
        return on ? "management TLS on, certificate for this node valid until "
                + tls.expiry().map(Object::toString).orElse("?") : "management TLS off";
    }
}
