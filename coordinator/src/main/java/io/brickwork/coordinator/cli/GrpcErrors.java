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
        switch (status.getCode()) {
            case UNAVAILABLE -> err.println("error: cannot reach the coordinator at " + coordinator + ": "
                    + status.getDescription());
            case DEADLINE_EXCEEDED -> err.println("error: the coordinator did not answer in time ("
                    + status.getDescription() + ")");
            case INVALID_ARGUMENT -> {
                err.println("error: " + status.getDescription());
                for (String violation : violations(e)) {
                    err.println("  - " + violation);
                }
                return ExitCodes.BAD_INPUT;
            }
            default -> err.println("error: " + status.getCode() + ": " + status.getDescription());
        }
        return ExitCodes.FAILED;
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
