package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.brickwork.common.audit.Json;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One audit line per API call: when, who (from {@link Caller}), which method, with what
 * arguments, and how it ended. A streaming call (an apply that runs for minutes, a status
 * watch) also gets a line when its request arrives, with {@code "event":"started"}: what a
 * long apply is doing must be in the trail while it does it, not only if it ends. Secrets and bulky fields (join tokens, CSRs, the spec text) are
 * replaced by their SHA-256 so the trail can prove what was sent without repeating it.
 */
public final class ApiAuditInterceptor implements ServerInterceptor {
    private static final Set<String> HASHED_FIELDS = Set.of("spec", "token", "csr_der");
    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace()
            .preservingProtoFieldNames();

    private final AuditTrail trail;
    private final Clock clock;

    public ApiAuditInterceptor(AuditTrail trail, Clock clock) {
        this.trail = requireNonNull(trail, "trail is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        long start = clock.millis();
        Caller caller = Caller.current();
        String method = call.getMethodDescriptor().getFullMethodName();
        StringBuilder arguments = new StringBuilder();
        ServerCall<Q, R> audited = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                record(start, caller, method, arguments.toString(), status);
                super.close(status, trailers);
            }
        };
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(audited, headers)) {
            @Override
            public void onMessage(Q message) {
                if (message instanceof Message proto && arguments.length() == 0) {
                    arguments.append(scrubbed(proto));
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                // The request is complete and the handler is about to run it.
                if (call.getMethodDescriptor().getType() != MethodDescriptor.MethodType.UNARY) {
                    recordStart(start, caller, method, arguments.toString());
                }
                super.onHalfClose();
            }
        };
    }

    private void recordStart(long start, Caller caller, String method, String arguments) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.ofEpochMilli(start).toString());
        entry.put("event", "started");
        entry.put("caller", caller.describe());
        caller.remoteAddress().ifPresent(address -> entry.put("remote_address", address));
        entry.put("method", method);
        entry.put("arguments", new Json.Raw(arguments.isEmpty() ? "{}" : arguments));
        trail.record(entry);
    }

    private void record(long start, Caller caller, String method, String arguments, Status status) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.ofEpochMilli(start).toString());
        entry.put("caller", caller.describe());
        caller.remoteAddress().ifPresent(address -> entry.put("remote_address", address));
        entry.put("method", method);
        entry.put("arguments", new Json.Raw(arguments.isEmpty() ? "{}" : arguments));
        entry.put("status", status.getCode().name());
        if (status.getDescription() != null) {
            entry.put("message", status.getDescription());
        }
        entry.put("duration_ms", clock.millis() - start);
        trail.record(entry);
    }

    static String scrubbed(Message message) {
        Message.Builder copy = message.toBuilder();
        Map<String, Object> hashes = new LinkedHashMap<>();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (HASHED_FIELDS.contains(field.getName()) && message.hasField(field)) {
                Object value = message.getField(field);
                byte[] bytes = value instanceof ByteString b ? b.toByteArray()
                        : value.toString().getBytes(StandardCharsets.UTF_8);
                hashes.put(field.getName() + "_sha256", sha256(bytes));
                copy.clearField(field);
            }
        }
        try {
            String json = JSON.print(copy);
            if (hashes.isEmpty()) {
                return json;
            }
            String extra = Json.object(hashes);
            return json.equals("{}") ? extra : json.substring(0, json.length() - 1) + "," + extra.substring(1);
        } catch (InvalidProtocolBufferException e) {
            return Json.object(Map.of("unprintable", message.getDescriptorForType().getFullName()));
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
