package io.brickwork.coordinator.server;

import io.grpc.BindableService;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A smaller request limit for one service than the door's. gRPC-java sets the inbound limit per
 * server, and the door must take agents' reports and spec texts; the anonymous enrollment call
 * carries a token, a name and a CSR, so anything larger is refused with RESOURCE_EXHAUSTED
 * before protobuf parses it. The door's limit still bounds what is buffered before this check.
 */
final class RequestSizeLimit implements ServerInterceptor {
    private final int maxBytes;

    private RequestSizeLimit(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The service with every request message limited to maxBytes on the wire. */
    static ServerServiceDefinition limit(BindableService service, int maxBytes) {
        return ServerInterceptors.intercept(ServerInterceptors.useInputStreamMessages(service.bindService()),
                new RequestSizeLimit(maxBytes));
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean refused;

            @Override
            @SuppressWarnings("unchecked") // useInputStreamMessages makes every request an InputStream
            public void onMessage(Q message) {
                if (refused) {
                    return;
                }
                byte[] bytes;
                try (InputStream in = (InputStream) message) {
                    bytes = in.readNBytes(maxBytes + 1);
                } catch (IOException e) {
                    refuse(Status.INTERNAL.withDescription("cannot read the request: " + e.getMessage()));
                    return;
                }
                if (bytes.length > maxBytes) {
                    refuse(Status.RESOURCE_EXHAUSTED.withDescription(
                            "request larger than " + maxBytes + " bytes; this call takes a token, a name and a CSR"));
                    return;
                }
                super.onMessage((Q) new ByteArrayInputStream(bytes));
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }

            private void refuse(Status status) {
                refused = true;
                call.close(status, new Metadata());
            }
        };
    }
}
