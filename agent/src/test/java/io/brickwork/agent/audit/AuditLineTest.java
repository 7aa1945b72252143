package io.brickwork.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.EnsureHostsEntries;
import io.brickwork.proto.agent.v1.EnsureVolumeOption;
import io.brickwork.proto.agent.v1.Failure;
import io.brickwork.proto.agent.v1.HostEntry;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.Refusal;
import io.brickwork.proto.agent.v1.WriteProbe;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuditLineTest {
    private static final Instant TIME = Instant.parse("2026-01-01T12:00:00.250Z");

    @Test
    void recordsEveryFieldOfAnExecutedAction() {
        ActionRequest request = ActionRequest.newBuilder().setId("a-1").setMode(Mode.MODE_APPLY)
                .setRequestedBy("sha256:admin").setVolumeOption(EnsureVolumeOption.newBuilder().setVolume("gfs")
                        .setKey("auth.allow").setValue("10.0.0.*,node1")).build();
        ActionResult result = ActionResult.newBuilder().setId("a-1").setOutcome(Outcome.OUTCOME_CHANGED)
                .setSummary("set auth.allow of volume gfs to 10.0.0.*,node1 (now *)").setDurationMs(42).build();

        String line = AuditLine.format(new AuditEntry(TIME, "sha256:coordinator", request, result));

        assertEquals("{\"time\":\"2026-01-01T12:00:00.250Z\",\"request_id\":\"a-1\",\"requester\":\"sha256:coordinator\","
                + "\"requested_by\":\"sha256:admin\",\"action\":\"volume_option\",\"mode\":\"MODE_APPLY\","
                + "\"arguments\":{\"volume\":\"gfs\",\"key\":\"auth.allow\",\"value\":\"10.0.0.*,node1\"},"
                + "\"outcome\":\"OUTCOME_CHANGED\",\"refusal\":null,"
                + "\"summary\":\"set auth.allow of volume gfs to 10.0.0.*,node1 (now *)\",\"exit_code\":null,"
                + "\"duration_ms\":42}", line);
        assertValidJson(line);
    }

    @Test
    void recordsARefusalAndAnUnknownMode() {
        ActionRequest request = ActionRequest.newBuilder().setId("a-2").setModeValue(99).build();
        ActionResult result = ActionResult.newBuilder().setId("a-2").setOutcome(Outcome.OUTCOME_REFUSED)
                .setRefusal(Refusal.REFUSAL_INVALID_ARGUMENT).setSummary("field mode: ...").build();

        String line = AuditLine.format(new AuditEntry(TIME, "fp", request, result));

        assertTrue(line.contains("\"action\":null,\"mode\":\"99\",\"arguments\":null,\"outcome\":\"OUTCOME_REFUSED\","
                + "\"refusal\":\"REFUSAL_INVALID_ARGUMENT\""), line);
        assertValidJson(line);
    }

    @Test
    void recordsTheExitCodeOfAFailedCommand() {
        ActionResult result = ActionResult.newBuilder().setOutcome(Outcome.OUTCOME_FAILED).setFailure(Failure
                .newBuilder().setMessage("mount exited 32").addArgv("mount").addArgv("/mnt").setExitCode(32)).build();

        String line = AuditLine.format(new AuditEntry(TIME, "fp", ActionRequest.getDefaultInstance(), result));

        assertTrue(line.contains("\"exit_code\":32,"), line);
    }

    @Test
    void logsProbeContentAsSizeAndHashOnly() {
        byte[] secret = "the probe content, which must not be logged".getBytes(StandardCharsets.UTF_8);
        ActionRequest request = ActionRequest.newBuilder().setId("p").setMode(Mode.MODE_APPLY)
                .setWriteProbe(WriteProbe.newBuilder().setMountPoint("/mnt").setFileName("probe")
                        .setContent(ByteString.copyFrom(secret))).build();

        String line = AuditLine.format(new AuditEntry(TIME, "fp", request, ActionResult.getDefaultInstance()));

        assertTrue(line.contains("\"arguments\":{\"mount_point\":\"/mnt\",\"file_name\":\"probe\",\"content\":{\"size\":"
                + secret.length + ",\"sha256\":\"" + AuditLine.sha256(secret) + "\"}}"), line);
        assertFalse(line.contains(Base64.getEncoder().encodeToString(secret)), line);
        assertFalse(line.contains("must not be logged"), line);
        assertValidJson(line);
    }

    @Test
    void hostileTextCannotBreakTheLineOrHideAsALookAlike() {
        ActionRequest request = ActionRequest.newBuilder().setId("x\n{\"forged\":1}").setRequestedBy("\u0430dmin\u202e")
                .setHosts(EnsureHostsEntries.newBuilder().addEntries(HostEntry.newBuilder()
                        .setName("n\u043ede1\u001b[2J").setAddress("\"; rm -rf /"))).build();

        String line = AuditLine.format(new AuditEntry(TIME, "fp", request, ActionResult.getDefaultInstance()));

        assertFalse(line.contains("\n"), line);
        assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f), line);
        assertTrue(line.contains("\"requested_by\":\"\\u0430dmin\\u202e\""), line);
        assertValidJson(line);
    }

    @Test
    void capsArgumentsSoOneRequestCannotWriteMegabytes() {
        EnsureHostsEntries.Builder hosts = EnsureHostsEntries.newBuilder();
        for (int i = 0; i < 5000; i++) {
            hosts.addEntries(HostEntry.newBuilder().setName("node" + i).setAddress("10.0.0.1"));
        }
        ActionRequest request = ActionRequest.newBuilder().setId("big").setHosts(hosts).build();

        String line = AuditLine.format(new AuditEntry(TIME, "fp", request, ActionResult.getDefaultInstance()));

        assertTrue(line.length() < 2 * AuditLine.MAX_TEXT_CHARS, "line has " + line.length() + " characters");
        assertTrue(line.contains("\"arguments\":{\"truncated\":true,\"chars\":"), line);
        assertValidJson(line);
    }

    private static void assertValidJson(String line) {
        try {
            JsonFormat.parser().merge(line, Struct.newBuilder());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
