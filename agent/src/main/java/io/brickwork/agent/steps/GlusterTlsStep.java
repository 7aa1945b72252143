package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.GlusterdIdentity;
import io.brickwork.agent.glustertls.GlusterCertificateIssuer;
import io.brickwork.agent.glustertls.GlusterTls;
import io.brickwork.agent.services.Glusterd;
import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Gluster's own TLS on this node: its key and a certificate from the cluster CA installed where
 * gluster reads them, and management TLS on ({@code secure-access} in glusterd's working
 * directory, which glusterd reads only when it starts).
 *
 * <p>Idempotency: once a valid, not yet due certificate is installed and secure-access exists, a
 * run only reads. Safety: secure-access is created only on a glusterd with no peers and no
 * volumes (gluster has no mixed mode: one node switched alone in a pool is cut off from it),
 * checked again with glusterd stopped right before the file is written, and glusterd is started
 * again whatever happens in between.
 */
public final class GlusterTlsStep implements Step {
    public static final String SECURE_ACCESS = "secure-access";

    private final GlusterTls tls;
    private final Path secureAccess;
    private final GlusterdIdentity identity;
    private final Glusterd glusterd;
    private final GlusterCli cli;
    private final StepContext context;
    private List<String> certificateProblems = List.of();
    private boolean secureAccessMissing;

    public GlusterTlsStep(GlusterTls tls, Path glusterdWorkdir, GlusterdIdentity identity, Glusterd glusterd,
            GlusterCli cli, StepContext context) {
        this.tls = requireNonNull(tls, "tls is null");
        this.secureAccess = requireNonNull(glusterdWorkdir, "glusterdWorkdir is null").resolve(SECURE_ACCESS);
        this.identity = requireNonNull(identity, "identity is null");
        this.glusterd = requireNonNull(glusterd, "glusterd is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws IOException {
        certificateProblems = tls.problems();
        secureAccessMissing = !Files.exists(secureAccess, LinkOption.NOFOLLOW_LINKS);
        List<String> changes = new ArrayList<>();
        if (!certificateProblems.isEmpty()) {
            changes.add("get a gluster certificate for a new key from the cluster CA and install it ("
                    + String.join("; ", certificateProblems) + ")");
        }
        if (secureAccessMissing) {
            List<String> holds = holdings();
            if (!holds.isEmpty()) {
                return Check.refused("management TLS is off here and glusterd " + String.join(" and ", holds)
                        + ": gluster has no mixed mode, so switching one node of a running pool cuts it off."
                        + " Switching an existing cluster to TLS needs every node switched at once, with the"
                        + " volumes stopped");
            }
            if (!glusterd.restartable()) {
                return Check.refused("glusterd is not managed by systemd here, and the agent may not restart it"
                        + " (restart-unmanaged-glusterd = false) to turn management TLS on");
            }
            changes.add("turn management TLS on (" + secureAccess + ") and restart glusterd, which has no peers"
                    + " and no volumes yet");
        }
        if (changes.isEmpty()) {
            return Check.inSync("gluster TLS on, certificate for this node valid until "
                    + tls.expiry().map(Object::toString).orElse("?"));
        }
        return Check.needs(changes);
    }

    private List<String> holdings() throws IOException {
        List<String> holds = new ArrayList<>();
        if (!identity.peerFiles().isEmpty()) {
            holds.add("has peers");
        }
        if (!identity.volumes().isEmpty()) {
            holds.add("holds volumes " + String.join(", ", identity.volumes()));
        }
        return holds;
    }

    @Override
    public void apply() throws CommandException, IOException, StepFailedException, InterruptedException {
        if (!certificateProblems.isEmpty()) {
            obtainCertificate(tls);
        }
        if (!secureAccessMissing) {
            return;
        }
        glusterd.stop(context.commandTimeout());
        try {
            // Again with glusterd stopped: a peer probe may have reached it since the check.
            List<String> holds = holdings();
            if (!holds.isEmpty()) {
                throw new StepFailedException("glusterd " + String.join(" and ", holds) + " since the check;"
                        + " management TLS left off");
            }
            createSecureAccess(secureAccess);
        } finally {
            glusterd.start(context.commandTimeout());
        }
    }

    /** A key made here and its certificate from the cluster CA, installed; a refusal fails the step. */
    static void obtainCertificate(GlusterTls tls) throws StepFailedException {
        try {
            tls.obtain();
        } catch (GlusterCertificateIssuer.IssueException e) {
            throw new StepFailedException(e.getMessage());
        }
    }

    /** glusterd turns management TLS on when this empty file exists as it starts; synced, so a crash keeps it. */
    static void createSecureAccess(Path secureAccess) throws IOException {
        try (FileChannel file = FileChannel.open(secureAccess, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            file.force(true);
        }
    }

    /** Until glusterd answers its CLI again after the restart. */
    @Override
    public Check verify() throws CommandException, IOException, InterruptedException {
        List<String> problems = new ArrayList<>(tls.problems());
        if (!Files.exists(secureAccess, LinkOption.NOFOLLOW_LINKS)) {
            problems.add("no " + secureAccess);
        }
        if (!problems.isEmpty()) {
            return Check.needs(problems);
        }
        boolean answers = context.poll(() -> cli.answers(context.commandTimeout()), Boolean::booleanValue);
        return answers ? Check.inSync("gluster TLS on, certificate for this node valid until "
                + tls.expiry().map(Object::toString).orElse("?"))
                : Check.needs("wait for glusterd to answer after its restart with management TLS");
    }
}
