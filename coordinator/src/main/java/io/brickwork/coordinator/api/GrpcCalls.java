package io.brickwork.coordinator.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Status discipline for service methods: a call never leaves as UNKNOWN. */
public final class GrpcCalls {
    private static final Logger log = Logger.getLogger(GrpcCalls.class.getName());

    private GrpcCalls() {}

    /** Runs a call; a StatusRuntimeException leaves as itself, anything else as INTERNAL with a description. */
    public static void guarded(StreamObserver<?> responses, Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
        } catch (RuntimeException e) {
            log.log(Level.SEVERE, "internal error", e);
            responses.onError(Status.INTERNAL.withDescription("internal error: " + e).withCause(e).asRuntimeException());
        }
    }
}
