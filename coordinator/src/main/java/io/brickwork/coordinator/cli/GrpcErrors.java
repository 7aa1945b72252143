package io.brickwork.coordinator.cli;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.io.PrintWriter;

/** Turns a failed call into words on stderr and the right exit code. */
final class GrpcErrors {
    private GrpcErrors() {}

    static int report(StatusRuntimeException e, String coordinator, PrintWriter err) {
        Status status = e.getStatus();
        err.println("error: " + describe(e, coordinator));
        if (status.getCode() == Status.Code.INVALID_ARGUMENT) {
            for (String violation : violations(e)) {
                err.println("  - " + violation);
            }
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.FAILED;
    }

    /** The failure in one sentence, without the violations' list. */
    static String describe(StatusRuntimeException e, String coordinator) {
        Status status = e.getStatus();
        return switch (status.getCode()) {
            case UNAVAILABLE -> "cannot reach the coordinator at " + coordinator + ": " + status.getDescription()
                    + rootCause(status.getCause());
            case DEADLINE_EXCEEDED -> "the coordinator did not answer in time (" + status.getDescription() + ")";
            case INVALID_ARGUMENT -> String.valueOf(status.getDescription());
            default -> status.getCode() + ": " + status.getDescription();
        };
    }

    /**
     * gRPC describes a failed TLS handshake as an "io exception"; what went wrong (a server
     * certificate from another CA, say) is in the innermost cause.
     */
    private static String rootCause(Throwable cause) {
        if (cause == null) {
            return "";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? "" : " (" + message + ")";
    }

    private static java.util.List<String> violations(StatusRuntimeException e) {
        com.google.rpc.Status details = StatusProto.fromThrowable(e);
        java.util.List<String> out = new java.util.ArrayList<>();
        if (details == null) {
            return out;
        }
        for (Any any : details.getDetailsList()) {
            if (any.is(BadRequest.class)) {
                try {
                    for (BadRequest.FieldViolation v : any.unpack(BadRequest.class).getFieldViolationsList()) {
                        out.add(v.getDescription());
                    }
                } catch (InvalidProtocolBufferException ignored) {
                    out.add("(unreadable error details)");
                }
            }
        }
        return out;
    }
}
