package io.brickwork.agent.actions;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.brickwork.agent.audit.AuditEntry;
import io.brickwork.agent.audit.AuditLog;
import io.brickwork.agent.audit.RecordingAuditLog;
import io.brickwork.agent.gluster.GlusterSamples;
import io.brickwork.agent.mount.FakeMountTable;
import io.brickwork.agent.system.CommandRunner;
import io.brickwork.agent.system.RecordingCommandRunner;
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
import io.brickwork.proto.agent.v1.EnsureVolumeOption;
import io.brickwork.proto.agent.v1.EnsureVolumeStarted;
import io.brickwork.proto.agent.v1.HostEntry;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.Refusal;
import io.brickwork.proto.agent.v1.RemoveProbe;
import io.brickwork.proto.agent.v1.WriteProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final FakeMountTable mounts = new FakeMountTable();

    @TempDir
    Path dir;
    private LocalActionExecutor executor;

    @BeforeEach
    void executor() {
        executor = executorWith(runner);
    }

    private LocalActionExecutor executorWith(CommandRunner commands) {
        return TestExecutors.executor(dir, commands, mounts, audit);
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
                .addBricks(Brick.newBuilder().setHost("node1").setPath(brickRoot("brick")))
                .addBricks(Brick.newBuilder().setHost("node2").setPath(brickRoot("brick")))).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals("field volume.bricks: 2 bricks are not a multiple of replica 3", result.getSummary());
    }

    @Test
    void refusesFstabOptionsWithSpacesAndOtherFilesystemTypes() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setFstabEntry(EnsureFstabEntry.newBuilder()
                .setSource("localhost:/gfs").setMountPoint(mnt("gfs")).setFsType("nfs")
                .setOptions("defaults 0 0\n/dev/sda1 /")).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals("field fstab_entry.fs_type: value 'nfs' must be glusterfs; field fstab_entry.options: value "
                + "'defaults 0 0\\x0a/dev/sda1 /' must be comma-separated options without spaces or '#'",
                result.getSummary());
        assertEquals(Refusal.REFUSAL_INVALID_ARGUMENT, result.getRefusal());
    }

    @Test
    void refusesAMountSourceThatIsNotHostColonSlashVolume() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setMounted(EnsureMounted.newBuilder()
                .setSource("/dev/sdb1").setMountPoint(mnt("gfs")).setOwner("root").setGroup("docker")).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals("field mounted.source: value '/dev/sdb1' must be host:/volume", result.getSummary());
    }

    @Test
    void refusesAProbeFileNameThatLeavesTheMountPoint() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setRemoveProbe(RemoveProbe.newBuilder()
                .setMountPoint(mnt("gfs")).setFileName("../etc/passwd")).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals("field remove_probe.file_name: value '../etc/passwd' must be a single path component",
                result.getSummary());
    }

    @Test
    void refusesAnOversizedProbe() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setWriteProbe(WriteProbe.newBuilder()
                .setMountPoint(mnt("gfs")).setFileName("probe")
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

    @Test
    void aMalformedFieldIsAnInvalidArgument() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setVolumeStarted(EnsureVolumeStarted
                .newBuilder().setName("gfs;reboot")).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals(Refusal.REFUSAL_INVALID_ARGUMENT, result.getRefusal());
    }

    @Test
    void anUnknownModeIsAnInvalidArgumentNamedByItsNumber() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setModeValue(99)
                .setVolumeStarted(EnsureVolumeStarted.newBuilder().setName("gfs")).build());

        assertEquals(Refusal.REFUSAL_INVALID_ARGUMENT, result.getRefusal());
        assertEquals("field mode: value '99' must be MODE_CHECK or MODE_APPLY", result.getSummary());
    }

    @Test
    void anEmptyIdIsAnInvalidArgument() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setId("")
                .setVolumeStarted(EnsureVolumeStarted.newBuilder().setName("gfs")).build());

        assertEquals(Refusal.REFUSAL_INVALID_ARGUMENT, result.getRefusal());
        assertEquals("field id: value '' must not be empty", result.getSummary());
    }

    @Test
    void aBrickOutsideTheBrickRootsIsPermissionDenied() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setBrickDirectory(EnsureBrickDirectory
                .newBuilder().setPath("/etc/brick").setVolume("gfs")).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals(Refusal.REFUSAL_PERMISSION_DENIED, result.getRefusal());
        assertEquals("field brick_directory.path: value '/etc/brick' is not inside " + dir.resolve("gluster"),
                result.getSummary());
    }

    @Test
    void aPathThatOnlyStartsWithARootsNameIsOutsideIt() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setBrickDirectory(EnsureBrickDirectory
                .newBuilder().setPath(dir.resolve("glusterfoo").toString()).setVolume("gfs")).build());

        assertEquals(Refusal.REFUSAL_PERMISSION_DENIED, result.getRefusal());
    }

    @Test
    void aBrickBehindASymlinkLeadingOutOfTheRootIsPermissionDenied() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(dir.resolve("gluster"));
        Files.createSymbolicLink(dir.resolve("gluster/brick"), outside);

        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setBrickDirectory(EnsureBrickDirectory
                .newBuilder().setPath(brickRoot("brick/sub")).setVolume("gfs")).build());

        assertEquals(Refusal.REFUSAL_PERMISSION_DENIED, result.getRefusal());
        assertTrue(result.getSummary().contains("resolves to " + outside.toRealPath().resolve("sub")),
                result.getSummary());
        assertTrue(Files.notExists(outside.resolve("sub")));
    }

    @Test
    void aBrickDirectoryBelowTheRootIsCreated() {
        runner.expect(GlusterSamples.gluster("volume", "info", "gfs"))
                .stdout(GlusterSamples.sample("volume-info-missing.xml"));
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setBrickDirectory(EnsureBrickDirectory
                .newBuilder().setPath(brickRoot("brick")).setVolume("gfs")).build());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertTrue(Files.isDirectory(dir.resolve("gluster/brick")));
    }

    @Test
    void aMountPointMayBeTheRootItselfAsTheSeedMountsOnMnt() throws IOException {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setFstabEntry(EnsureFstabEntry.newBuilder()
                .setSource("localhost:/gfs").setMountPoint(dir.resolve("mnt").toString()).setFsType("glusterfs")
                .setOptions("defaults,_netdev")).build());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertTrue(Files.readString(dir.resolve("fstab")).contains("localhost:/gfs " + dir.resolve("mnt")));
    }

    @Test
    void anFstabLineAlwaysGetsNosuidAndNodevSoTheVolumeCarriesNoSetuidRootOrDevices() throws IOException {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setFstabEntry(EnsureFstabEntry.newBuilder()
                .setSource("localhost:/gfs").setMountPoint(dir.resolve("mnt").toString()).setFsType("glusterfs")
                .setOptions("defaults,_netdev")).build());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertTrue(Files.readString(dir.resolve("fstab")).contains(" glusterfs defaults,_netdev,nosuid,nodev 0 0\n"));
    }

    @Test
    void fstabOptionsThatMakeTheRootClientWriteAFileArePermissionDeniedNamingTheKey() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setFstabEntry(EnsureFstabEntry.newBuilder()
                .setSource("localhost:/gfs").setMountPoint(dir.resolve("mnt").toString()).setFsType("glusterfs")
                .setOptions("defaults,log-file=/etc/cron.d/brickwork")).build());

        assertEquals(Refusal.REFUSAL_PERMISSION_DENIED, result.getRefusal());
        assertTrue(result.getSummary().contains("log-file is not allowed"), result.getSummary());
        assertTrue(Files.notExists(dir.resolve("fstab")));
    }

    @Test
    void fstabOptionsWithSuidArePermissionDenied() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setFstabEntry(EnsureFstabEntry.newBuilder()
                .setSource("localhost:/gfs").setMountPoint(dir.resolve("mnt").toString()).setFsType("glusterfs")
                .setOptions("defaults,suid")).build());

        assertEquals(Refusal.REFUSAL_PERMISSION_DENIED, result.getRefusal());
        assertTrue(result.getSummary().contains("suid is not allowed"), result.getSummary());
    }

    @Test
    void aMountPointOutsideTheMountRootsIsPermissionDeniedAndFstabIsUntouched() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setFstabEntry(EnsureFstabEntry.newBuilder()
                .setSource("localhost:/gfs").setMountPoint("/etc").setFsType("glusterfs").setOptions("defaults"))
                .build());

        assertEquals(Refusal.REFUSAL_PERMISSION_DENIED, result.getRefusal());
        assertTrue(Files.notExists(dir.resolve("fstab")));
    }

    @Test
    void describeOnlyLooksAtMountPointsInsideTheRoots() {
        ActionResult result = executor.execute(request(Mode.MODE_CHECK).setDescribe(DescribeNode.newBuilder()
                .addMountPoints(mnt("gfs")).addMountPoints("/root")).build());

        assertEquals(Refusal.REFUSAL_PERMISSION_DENIED, result.getRefusal());
        assertEquals("field describe.mount_points[1]: value '/root' is not inside " + dir.resolve("mnt"),
                result.getSummary());
    }

    @Test
    void aPackageNotInTheAllowedListIsPermissionDenied() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setPackages(EnsurePackages.newBuilder()
                .addPackages("glusterfs-server").addPackages("openssh-server")).build());

        assertEquals(Refusal.REFUSAL_PERMISSION_DENIED, result.getRefusal());
        assertEquals("field packages.packages[1]: value 'openssh-server' is not in allowed-packages "
                + "[glusterfs-server, glusterfs-client, attr]", result.getSummary());
    }

    @Test
    void aMalformedFieldOutweighsAForbiddenOne() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setPackages(EnsurePackages.newBuilder()
                .addPackages("openssh-server").addPackages("--force-yes")).build());

        assertEquals(Refusal.REFUSAL_INVALID_ARGUMENT, result.getRefusal());
    }

    @Test
    void anOptionTheAgentDoesNotManageIsPermissionDenied() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setVolumeOption(EnsureVolumeOption
                .newBuilder().setVolume("gfs").setKey("features.read-only").setValue("on")).build());

        assertEquals(Refusal.REFUSAL_PERMISSION_DENIED, result.getRefusal());
        assertEquals("field volume_option.key: value 'features.read-only' is not an option the agent manages "
                + "[auth.allow]", result.getSummary());
    }

    @Test
    void anAuthAllowValueWithSpacesIsAnInvalidArgument() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setVolumeOption(EnsureVolumeOption
                .newBuilder().setVolume("gfs").setKey("auth.allow").setValue("10.0.0.1, 10.0.0.2")).build());

        assertEquals(Refusal.REFUSAL_INVALID_ARGUMENT, result.getRefusal());
    }

    @Test
    void setsAuthAllowWithExactArgv() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-started.xml"));
        runner.expect(gluster("volume", "set", "gfs", "auth.allow", "10.0.0.*,node1")).stdout(sample("volume-set.xml"));
        runner.expect(gluster("volume", "get", "gfs", "auth.allow")).stdout(sample("volume-get-auth-allow.xml"));

        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setVolumeOption(EnsureVolumeOption
                .newBuilder().setVolume("gfs").setKey("auth.allow").setValue("10.0.0.*,node1")).build());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(Refusal.REFUSAL_UNSPECIFIED, result.getRefusal());
    }

    @Test
    void aRefusalFromTheNodesStateIsAFailedPrecondition() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));

        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setVolumeOption(EnsureVolumeOption
                .newBuilder().setVolume("gfs").setKey("auth.allow").setValue("10.0.0.*")).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals(Refusal.REFUSAL_FAILED_PRECONDITION, result.getRefusal());
    }

    @Test
    void checkingAnOptionOfAVolumeTheCheckedPlanWillCreateIsNotARefusal() {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-missing.xml"));

        ActionResult result = executor.execute(request(Mode.MODE_CHECK).setVolumeOption(EnsureVolumeOption
                .newBuilder().setVolume("gfs").setKey("auth.allow").setValue("10.0.0.*")).build());

        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, result.getOutcome());
    }

    @Test
    void auditsAnExecutedActionWithTheRequester() {
        ActionRequest request = request(Mode.MODE_APPLY).setRequestedBy("unix:uid=0")
                .setHosts(EnsureHostsEntries.newBuilder()
                        .addEntries(HostEntry.newBuilder().setName("node1").setAddress("10.214.0.11"))).build();

        ActionResult result = executor.execute(request, "sha256:coordinator");

        AuditEntry entry = audit.last();
        assertEquals("sha256:coordinator", entry.requester());
        assertEquals(request, entry.request());
        assertEquals(result, entry.result());
    }

    @Test
    void auditsARefusedAction() {
        executor.execute(request(Mode.MODE_APPLY).setPackages(EnsurePackages.newBuilder().addPackages("nc")).build(),
                "sha256:coordinator");

        assertEquals(Outcome.OUTCOME_REFUSED, audit.last().result().getOutcome());
    }

    @Test
    void auditsDescribeNodeToo() {
        runner.expect("gluster", "--mode=script", "--xml", "pool", "list").exits(1).stdout("Connection failed.\n");

        executor.execute(request(Mode.MODE_CHECK).setDescribe(DescribeNode.getDefaultInstance()).build(), "fp");

        assertEquals(ActionRequest.ActionCase.DESCRIBE, audit.last().request().getActionCase());
    }

    @Test
    void theOneArgumentFormAuditsAnUnknownRequester() {
        executor.execute(request(Mode.MODE_APPLY).build());

        assertEquals("unknown", audit.last().requester());
    }

    @Test
    void aResultLineThatCannotBeWrittenDoesNotStopTheAnswer() {
        LocalActionExecutor withBrokenAudit = TestExecutors.executor(dir, runner, mounts, new AuditLog() {
            @Override
            public boolean started(Instant time, String requester, ActionRequest request) {
                return true;
            }

            @Override
            public void record(AuditEntry entry) {
                throw new IllegalStateException("disk on fire");
            }
        });

        ActionResult result = withBrokenAudit.execute(request(Mode.MODE_APPLY).setHosts(EnsureHostsEntries
                .newBuilder().addEntries(HostEntry.newBuilder().setName("node1").setAddress("10.214.0.11"))).build());

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
    }

    private String mnt(String name) {
        return dir.resolve("mnt").resolve(name).toString();
    }

    private String brickRoot(String name) {
        return dir.resolve("gluster").resolve(name).toString();
    }

    @Test
    void aChangeIsAuditedAsStartedBeforeTheNodeIsTouched() {
        List<Boolean> hostsExistedAtStart = new ArrayList<>();
        AuditLog watching = new AuditLog() {
            @Override
            public boolean started(Instant time, String requester, ActionRequest request) {
                hostsExistedAtStart.add(Files.exists(dir.resolve("hosts")));
                return true;
            }

            @Override
            public void record(AuditEntry entry) {}
        };
        LocalActionExecutor watched = TestExecutors.executor(dir, runner, mounts, watching);

        ActionResult result = watched.execute(hostsRequest(Mode.MODE_APPLY));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome());
        assertEquals(List.of(false), hostsExistedAtStart);
    }

    @Test
    void aHostsEntryThatWouldRemapLocalhostIsRefused() {
        ActionResult result = executor.execute(request(Mode.MODE_APPLY).setHosts(EnsureHostsEntries.newBuilder()
                .addEntries(HostEntry.newBuilder().setName("localhost").setAddress("10.66.6.6"))).build());

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals(Refusal.REFUSAL_INVALID_ARGUMENT, result.getRefusal());
        assertFalse(Files.exists(dir.resolve("hosts")));
    }

    @Test
    void anIntruderWhoFillsTheAuditDiskCannotHaveChangesMadeUnrecorded() {
        audit.unwritable();

        ActionResult result = executor.execute(hostsRequest(Mode.MODE_APPLY));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals(Refusal.REFUSAL_AUDIT_UNAVAILABLE, result.getRefusal());
        assertFalse(Files.exists(dir.resolve("hosts")));
        assertEquals(Outcome.OUTCOME_REFUSED, audit.last().result().getOutcome());
    }

    @Test
    void anAuditLogThatThrowsAtTheStartOfAChangeCountsAsUnwritable() {
        LocalActionExecutor withBrokenAudit = TestExecutors.executor(dir, runner, mounts, new AuditLog() {
            @Override
            public boolean started(Instant time, String requester, ActionRequest request) {
                throw new IllegalStateException("disk on fire");
            }

            @Override
            public void record(AuditEntry entry) {}
        });

        ActionResult result = withBrokenAudit.execute(hostsRequest(Mode.MODE_APPLY));

        assertEquals(Refusal.REFUSAL_AUDIT_UNAVAILABLE, result.getRefusal());
        assertFalse(Files.exists(dir.resolve("hosts")));
    }

    @Test
    void checksGoOnWhenTheAuditLogCannotBeWritten() {
        audit.unwritable();

        ActionResult result = executor.execute(hostsRequest(Mode.MODE_CHECK));

        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, result.getOutcome());
        assertTrue(audit.started().isEmpty());
    }

    private static ActionRequest hostsRequest(Mode mode) {
        return request(mode).setHosts(EnsureHostsEntries.newBuilder()
                .addEntries(HostEntry.newBuilder().setName("node1").setAddress("10.214.0.11"))).build();
    }

    private static ActionRequest.Builder request(Mode mode) {
        return ActionRequest.newBuilder().setId("a-1").setMode(mode).setTimeoutMs(5_000);
    }
}
