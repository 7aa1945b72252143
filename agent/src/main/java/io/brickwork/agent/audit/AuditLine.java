package io.brickwork.agent.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Refusal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * One audit entry as one line of JSON. The action's arguments are printed as protobuf's JsonFormat
 * would print them (proto field names) by {@link ActionArguments}, which needs no descriptors;
 * probe content is replaced by its size and SHA-256, since
 * it is data, not an argument anyone needs to read. Anything a hostile request can make
 * long is capped, so the audit log cannot be used to fill the disk faster than requests arrive.
 */
final class AuditLine {
    static final int MAX_ARGUMENTS_CHARS = 64 * 1024;
    static final int MAX_TEXT_CHARS = 4096;

    private AuditLine() {}

    /** The line written before a change: who asked for what; "event":"started" sets it apart from the result. */
    static String started(Instant time, String requester, ActionRequest request) {
        return new ObjectWriter()
                .string("time", DateTimeFormatter.ISO_INSTANT.format(time))
                .string("event", "started")
                .string("request_id", request.getId())
                .string("requester", requester)
                .string("requested_by", request.getRequestedBy())
                .string("action", ActionArguments.name(request))
                .string("mode", mode(request))
                .raw("arguments", arguments(request))
                .toString();
    }

    static String format(AuditEntry entry) {
        ActionRequest request = entry.request();
        ActionResult result = entry.result();
        return new ObjectWriter()
                .string("time", DateTimeFormatter.ISO_INSTANT.format(entry.time()))
                .string("request_id", request.getId())
                .string("requester", entry.requester())
                .string("requested_by", request.getRequestedBy())
                .string("action", ActionArguments.name(request))
                .string("mode", mode(request))
                .raw("arguments", arguments(request))
                .string("outcome", result.getOutcome().name())
                .string("refusal", result.getRefusal() == Refusal.REFUSAL_UNSPECIFIED ? null
                        : result.getRefusal().name())
                .string("summary", result.getSummary())
                // proto3 has no "unset" for an int: an exit code only means something when a command ran.
                .raw("exit_code", result.hasFailure() && result.getFailure().getArgvCount() > 0
                        ? Integer.toString(result.getFailure().getExitCode()) : "null")
                .raw("duration_ms", Long.toString(Integer.toUnsignedLong(result.getDurationMs())))
                .toString();
    }

    private static String mode(ActionRequest request) {
        return request.getMode() == Mode.UNRECOGNIZED ? Integer.toString(request.getModeValue())
                : request.getMode().name();
    }

    private static String arguments(ActionRequest request) {
        if (request.getActionCase() == ActionRequest.ActionCase.ACTION_NOT_SET) {
            return "null";
        }
        String json = ActionArguments.json(request);
        ByteString content = request.hasWriteProbe() ? request.getWriteProbe().getContent()
                : request.hasReadProbe() ? request.getReadProbe().getContent() : null;
        if (content != null) {
            json = withField(json, "content", new ObjectWriter().raw("size", Integer.toString(content.size()))
                    .string("sha256", sha256(content.toByteArray())).toString());
        }
        json = JsonText.asciiOnly(json);
        if (json.length() > MAX_ARGUMENTS_CHARS) {
            return new ObjectWriter().raw("truncated", "true").raw("chars", Integer.toString(json.length()))
                    .string("sha256", sha256(json.getBytes(UTF_8))).toString();
        }
        return json;
    }

    /** Adds a field to a compact JSON object ("{}" or "{...}"). */
    private static String withField(String object, String name, String json) {
        String head = object.substring(0, object.length() - 1);
        return head + (head.equals("{") ? "" : ",") + JsonText.string(name) + ":" + json + "}";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Builds one JSON object; strings are capped and escaped, raw values are already JSON. */
    private static final class ObjectWriter {
        private final StringBuilder out = new StringBuilder("{");

        ObjectWriter string(String name, String value) {
            return raw(name, value == null ? "null" : JsonText.string(capped(value)));
        }

        ObjectWriter raw(String name, String json) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(JsonText.string(name)).append(':').append(json);
            return this;
        }

        private static String capped(String value) {
            return value.length() <= MAX_TEXT_CHARS ? value
                    : value.substring(0, MAX_TEXT_CHARS) + "... (" + value.length() + " characters)";
        }

        @Override
        public String toString() {
            return out + "}";
        }
    }
}
