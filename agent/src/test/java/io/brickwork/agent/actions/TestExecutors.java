package io.brickwork.agent.actions;

import io.brickwork.agent.audit.AuditLog;
import io.brickwork.agent.directories.NioDirectories;
import io.brickwork.agent.files.AtomicFileWriter;
import io.brickwork.agent.services.SystemctlManager;
import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.gluster.GlusterdStore;
import io.brickwork.agent.mount.CommandMounter;
import io.brickwork.agent.mount.CommandUnmounter;
import io.brickwork.agent.mount.ProcMountUsers;
import io.brickwork.agent.mount.FakeMountTable;
import io.brickwork.agent.ownership.FakeOwnership;
import io.brickwork.agent.packages.AptPackages;
import io.brickwork.agent.services.SystemdGlusterd;
import io.brickwork.agent.steps.NodeDescriber;
import io.brickwork.agent.steps.VolumeDescriber;
import io.brickwork.agent.steps.StepRunner;
import io.brickwork.agent.system.CommandRunner;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.SystemPaths;
import io.brickwork.agent.xattr.GetfattrBrickXattrs;
import io.brickwork.agent.glustertls.GlusterCertificateIssuer;
import io.brickwork.agent.glustertls.GlusterTls;
import io.brickwork.agent.glustertls.GlusterTlsFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The real executor over fakes: every command goes to the given runner, /etc/hosts and
 * /etc/fstab live in a temporary directory, and so do the brick and mount roots.
 */
final class TestExecutors {
    static final List<String> PACKAGES = List.of("glusterfs-server", "glusterfs-client", "attr");

    private TestExecutors() {}

    /** Roots DIR/gluster and DIR/mnt, so no test can act on the real /gluster or /mnt. */
    static ActionSettings settings(Path dir) {
        return new ActionSettings(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMillis(100),
                List.of(dir.resolve("gluster")), List.of(dir.resolve("mnt")), PACKAGES);
    }

    /** Files in DIR; no CA to ask: a test that needs a gluster certificate builds its own. */
    static GlusterTls glusterTls(Path dir) {
        return new GlusterTls(new GlusterTlsFiles(dir.resolve("gluster-tls"), dir.resolve("ssl")), csr -> {
            throw new GlusterCertificateIssuer.IssueException("no cluster CA in this test", null);
        }, "node1", () -> {
            throw new IllegalStateException("no cluster CA in this test");
        }, Clock.systemUTC());
    }

    static LocalActionExecutor executor(Path dir, CommandRunner commands, FakeMountTable mounts, AuditLog audit) {
        SystemPaths paths = new SystemPaths(dir.resolve("hosts"), dir.resolve("fstab"), dir.resolve("mountinfo"),
                dir.resolve("systemd"), dir.resolve("glusterd.socket"));
        FakeOwnership ownership = new FakeOwnership().withGroup("docker");
        CliGlusterCli cli = new CliGlusterCli(commands);
        StepFactory steps = new StepFactory(paths, new AtomicFileWriter(), cli, new GlusterdStore(dir.resolve("glusterd")),
                new AptPackages(commands),
                new SystemdGlusterd(commands, paths), new GetfattrBrickXattrs(commands), host -> false, mounts,
                new CommandMounter(commands), ownership, new NioDirectories(), new SystemctlManager(commands, paths),
                new CommandUnmounter(commands), new ProcMountUsers(paths),
                glusterTls(dir));
        ActionSettings settings = settings(dir);
        return new LocalActionExecutor(new ActionValidator(settings), steps, new StepRunner(),
                new NodeDescriber(cli, mounts, ownership, new GlusterdStore(dir.resolve("glusterd"))),
                new VolumeDescriber(cli), settings, new FakeTicker(), audit);
    }
}
