package io.brickwork.agent.actions;

import static io.brickwork.agent.gluster.GlusterSamples.gluster;
import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.audit.RecordingAuditLog;
import io.brickwork.agent.mount.FakeMountTable;
import io.brickwork.agent.system.RecordingCommandRunner;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionRequest.ActionCase;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.EnsureVolumeStarted;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.Refusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storm of hostile requests against the real executor. Nothing may run: the command runner
 * has no expectations (any command fails the test), /etc/hosts and /etc/fstab are files in a
 * temporary directory that must stay absent, and so are the roots. A new seed every run; rerun
 * a failure with -Dbrickwork.fuzz.seed=SEED.
 */
class HostileRequestsTest {
    private static final int PER_KIND = 700;
    private static final Set<Refusal> REQUEST_REFUSALS =
            Set.of(Refusal.REFUSAL_INVALID_ARGUMENT, Refusal.REFUSAL_PERMISSION_DENIED);

    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final FakeMountTable mounts = new FakeMountTable();

    @TempDir
    Path dir;
    private Path escape;

    /** Probes and mounts would find a glusterfs mount, so only validation stands between a request and the disk. */
    @BeforeEach
    void node() throws IOException {
        Files.createDirectories(dir.resolve("mnt"));
        escape = Files.createSymbolicLink(dir.resolve("mnt/escape"), Files.createDirectories(dir.resolve("etc")));
        mounts.mountGlusterfs("localhost:/gfs", dir.resolve("mnt"));
    }

    @Test
    void everyValidBaseIsAcceptedSoThatOneHostileFieldIsTheOnlyProblem() {
        HostileRequests requests = new HostileRequests(new Random(1), dir, escape);
        ActionValidator validator = new ActionValidator(TestExecutors.settings(dir));

        for (ActionCase kind : ActionCase.values()) {
            if (kind != ActionCase.ACTION_NOT_SET) {
                assertEquals(List.of(), validator.problems(requests.valid(kind)), kind.toString());
            }
        }
    }

    @Test
    void hostileRequestsAreRefusedBeforeAnythingRuns() throws IOException {
        long seed = Long.getLong("brickwork.fuzz.seed", new SecureRandom().nextLong());
        HostileRequests requests = new HostileRequests(new Random(seed), dir, escape);
        LocalActionExecutor executor = TestExecutors.executor(dir, runner, mounts, audit);

        int sent = 0;
        for (ActionCase kind : ActionCase.values()) {
            for (int i = 0; i < PER_KIND; i++) {
                HostileRequests.Generated generated = i % 2 == 0 ? requests.oneFieldHostile(kind)
                        : requests.allFieldsHostile(kind);
                assertRefusedWithoutEffect(executor, generated, seed);
                sent++;
            }
        }

        assertTrue(sent >= 10_000, "only " + sent + " requests");
        assertEquals(sent, audit.entries().size(), "every refused request is audited (seed " + seed + ")");
        assertUntouched(seed);
        assertAValidCheckStillWorks(executor);
    }

    private void assertRefusedWithoutEffect(LocalActionExecutor executor, HostileRequests.Generated generated,
            long seed) {
        ActionRequest request = generated.request();
        String context = "seed " + seed + " (-Dbrickwork.fuzz.seed=" + seed + "), hostile " + generated.hostileFields()
                + ", request " + shortly(request);
        ActionResult result;
        try {
            result = executor.execute(request, "fuzz");
        } catch (Throwable t) {
            throw new AssertionError("execute threw; " + context, t);
        }
        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome(), context + "; result " + result);
        assertTrue(REQUEST_REFUSALS.contains(result.getRefusal()), context + "; result " + result);
        assertEquals(List.of(), runner.calls(), context);
        if (generated.hostileFields().size() == 1) {
            // The refusal must come from the hostile field, not from a base that was never valid.
            assertTrue(result.getSummary().contains("field " + generated.hostileFields().get(0)),
                    context + "; summary " + result.getSummary());
        }
    }

    private void assertUntouched(long seed) throws IOException {
        assertTrue(Files.notExists(dir.resolve("hosts")), "seed " + seed);
        assertTrue(Files.notExists(dir.resolve("fstab")), "seed " + seed);
        assertTrue(Files.notExists(dir.resolve("gluster")), "seed " + seed);
        try (Stream<Path> files = Files.list(dir.resolve("etc"))) {
            assertEquals(List.of(), files.toList(), "seed " + seed);
        }
        try (Stream<Path> files = Files.list(dir.resolve("mnt"))) {
            assertEquals(List.of(escape), files.toList(), "seed " + seed);
        }
    }

    private void assertAValidCheckStillWorks(LocalActionExecutor executor) {
        runner.expect(gluster("volume", "info", "gfs")).stdout(sample("volume-info-started.xml"));

        ActionResult result = executor.execute(ActionRequest.newBuilder().setId("after-the-storm")
                .setMode(Mode.MODE_CHECK).setVolumeStarted(EnsureVolumeStarted.newBuilder().setName("gfs")).build(),
                "fuzz");

        assertEquals(Outcome.OUTCOME_UNCHANGED, result.getOutcome(), result.toString());
        runner.assertDone();
    }

    /** Requests can hold 64 KiB of probe content or thousands of entries: enough to find it, not to flood the report. */
    private static String shortly(ActionRequest request) {
        String text = request.toString().replace("\n", " ");
        return text.length() <= 600 ? text : text.substring(0, 600) + "...";
    }
}
