package io.brickwork.agent.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.brickwork.agent.files.AtomicFileWriter;
import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.mount.CommandMounter;
import io.brickwork.agent.mount.FakeMountTable;
import io.brickwork.agent.ownership.FakeOwnership;
import io.brickwork.agent.packages.AptPackages;
import io.brickwork.agent.services.SystemdGlusterd;
import io.brickwork.agent.steps.NodeDescriber;
import io.brickwork.agent.steps.StepRunner;
import io.brickwork.agent.system.CommandRunner;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.agent.system.SystemPaths;
import io.brickwork.agent.xattr.GetfattrBrickXattrs;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Brick;
import io.brickwork.proto.agent.v1.DescribeNode;
import io.brickwork.proto.agent.v1.EnsureBrickDirectory;
import io.brickwork.proto.agent.v1.EnsureFstabEntry;
import io.brickwork.proto.agent.v1.EnsureHostsEntries;
import io.brickwork.proto.agent.v1.EnsureMounted;
import io.brickwork.proto.agent.v1.EnsurePackages;
import io.brickwork.proto.agent.v1.EnsurePeers;
import io.brickwork.proto.agent.v1.EnsureVolume;
import io.brickwork.proto.agent.v1.EnsureVolumeStarted;
import io.brickwork.proto.agent.v1.HostEntry;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.RemoveProbe;
import io.brickwork.proto.agent.v1.WriteProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalActionExecutorTest {
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @TempDir
    Path dir;
    private LocalActionExecutor executor;

    @BeforeEach
    void executor() {
        executor = executorWith(runner);
    }

    private LocalActionExecutor executorWith(CommandRunner commands) {
        SystemPaths paths = new SystemPaths(dir.resolve("hosts"), dir.resolve("fstab"), dir.resolve("mountinfo"),
                dir.resolve("systemd"));
        FakeMountTable mounts = new FakeMountTable();
        FakeOwnership ownership = new FakeOwnership().withGroup("docker");
        CliGlusterCli cli = new CliGlusterCli(commands);
        StepFactory steps = new StepFactory(paths, new AtomicFileWriter(), cli, new AptPackages(commands),
                new SystemdGlusterd(commands, paths), new GetfattrBrickXattrs(commands), host -> false, mounts,
                new CommandMounter(commands), ownership);
        return new LocalActionExecutor(new ActionValidator(), steps, new StepRunner(),
                new NodeDescriber(cli, mounts, ownership),
                new ActionSettings(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMillis(100)),
                new FakeTicker());
    }

    @AfterEach
    void noCommandRanUnlessExpected() {
        runner.assertDone();
    }

    @Test
    void appliesAValidRequestAndEchoesItsId() throws IOException {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setHosts(EnsureHostsEntries.newBuilder()
                .addEntries(HostEntry.newBuilder().setName("node1").setAddress("10.214.0.11"))).build());

        assertEquals("a-1", result.getId());
        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals("10.214.0.11\tnode1\n", Files.readString(dir.resolve("hosts")));
    }

    @Test
    void concurrentHostsEditsAreSerializedSoNoneIsLost()
            throws IOException, InterruptedException, ExecutionException {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ActionResult>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String name = "node" + i;
                String address = "10.214.0." + (20 + i);
                results.add(pool.submit(() -> executor.execute(request(Mode.MODE_APPLY).setHosts(EnsureHostsEntries
                        .newBuilder().addEntries(HostEntry.newBuilder().setName(name).setAddress(address))).build())));
            }
            for (Future<ActionResult> result : results) {
                assertEquals(Outcome.OUTCOME_CHANGED, result.get().getOutcome());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(threads, Files.readAllLines(dir.resolve("hosts")).size());
    }

    @Test
    void refusesAnUnspecifiedMode() {
        ActionResult result = executor.execute(request(Mode.MODE_UNSPECIFIED)
                .setVolumeStarted(EnsureVolumeStarted.newBuilder().setName("gfs")).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals("field mode: value 'MODE_UNSPECIFIED' must be MODE_CHECK or MODE_APPLY", result.getSummary());
    }

    @Test
    void refusesARequestWithoutAnAction() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals("a-1", result.getId());
    }

    @Test
    void refusesAHostNameThatIsNotOne() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setHosts(EnsureHostsEntries.newBuilder()
                .addEntries(HostEntry.newBuilder().setName("node 1").setAddress("10.214.0.11"))).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals("field hosts.entries[0].name: value 'node 1' is not an RFC 1123 host name", result.getSummary());
        assertTrue(Files.notExists(dir.resolve("hosts")));
    }

    @Test
    void refusesANameMappedTwice() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setHosts(EnsureHostsEntries.newBuilder()
                .addEntries(HostEntry.newBuilder().setName("node1").setAddress("10.214.0.11"))
                .addEntries(HostEntry.newBuilder().setName("NODE1").setAddress("10.214.0.12"))).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("appears more than once"), result.getSummary());
    }

    @Test
    void refusesPackageNamesThatCouldBeOptions() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setPackages(EnsurePackages.newBuilder()
                .addPackages("glusterfs-server").addPackages("--allow-unauthenticated")).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals("field packages.packages[1]: value '--allow-unauthenticated' is not a Debian package name",
                result.getSummary());
    }

    @Test
    void refusesARelativeOrUnnormalizedBrickPath() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setBrickDirectory(EnsureBrickDirectory
                .newBuilder().setPath("/gluster/../etc").setVolume("gfs")).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().startsWith("field brick_directory.path: value '/gluster/../etc' must be normalized"),
                result.getSummary());
    }

    @Test
    void refusesPeerHostsThatAreNeitherNamesNorAddresses() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setPeers(EnsurePeers.newBuilder()
                .addHosts("node2").addHosts("-o ProxyCommand")).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals("field peers.hosts[1]: value '-o ProxyCommand' is neither a host name nor an IP address",
                result.getSummary());
    }

    @Test
    void refusesABrickCountThatIsNotAMultipleOfTheReplica() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setVolume(EnsureVolume.newBuilder()
                .setName("gfs").setReplica(3)
                .addBricks(Brick.newBuilder().setHost("node1").setPath("/gluster/brick"))
                .addBricks(Brick.newBuilder().setHost("node2").setPath("/gluster/brick"))).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals("field volume.bricks: 2 bricks are not a multiple of replica 3", result.getSummary());
    }

    @Test
    void refusesFstabOptionsWithSpacesAndOtherFilesystemTypes() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setFstabEntry(EnsureFstabEntry.newBuilder()
                .setSource("localhost:/gfs").setMountPoint("/mnt/gfs").setFsType("nfs")
                .setOptions("defaults 0 0\n/dev/sda1 /")).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals("field fstab_entry.fs_type: value 'nfs' must be glusterfs; field fstab_entry.options: value "
                + "'defaults 0 0\\x0a/dev/sda1 /' must be comma-separated options without spaces or '#'",
                result.getSummary());
    }

    @Test
    void refusesAMountSourceThatIsNotHostColonSlashVolume() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setMounted(EnsureMounted.newBuilder()
                .setSource("/dev/sdb1").setMountPoint("/mnt/gfs").setOwner("root").setGroup("docker")).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals("field mounted.source: value '/dev/sdb1' must be host:/volume", result.getSummary());
    }

    @Test
    void refusesAProbeFileNameThatLeavesTheMountPoint() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setRemoveProbe(RemoveProbe.newBuilder()
                .setMountPoint("/mnt/gfs").setFileName("../etc/passwd")).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals("field remove_probe.file_name: value '../etc/passwd' must be a single path component",
                result.getSummary());
    }

    @Test
    void refusesAnOversizedProbe() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setWriteProbe(WriteProbe.newBuilder()
                .setMountPoint("/mnt/gfs").setFileName("probe")
                .setContent(ByteString.copyFrom(new byte[ActionValidator.MAX_PROBE_BYTES + 1]))).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().startsWith("field write_probe.content"), result.getSummary());
    }

    @Test
    void describesTheNode() {
        runner.expect("gluster", "--mode=script", "--xml", "pool", "list").exits(1).stdout("Connection failed.\n");

        ActionResult result = executor.execute(request(Mode.MODE_CHECK)
                .setDescribe(DescribeNode.getDefaultInstance()).build());

        assertEquals(Outcome.OUTCOME_UNCHANGED, result.getOutcome());
        assertTrue(result.hasFacts());
    }

    @Test
    void anUnexpectedExceptionBecomesAFailedResult() {
        LocalActionExecutor broken = executorWith((argv, environment, timeout) -> {
            throw new IllegalStateException("boom");
        });

        ActionResult result = broken.execute(request(Mode.MODE_CHECK).setDescribe(DescribeNode.getDefaultInstance())
                .build());

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertEquals("a-1", result.getId());
        assertEquals("internal error: java.lang.IllegalStateException: boom", result.getFailure().getMessage());
    }

    private static ActionRequest.Builder request(Mode mode) {
        return ActionRequest.newBuilder().setId("a-1").setMode(mode).setTimeoutMs(5_000);
    }
}
