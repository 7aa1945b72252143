package io.brickwork.coordinator.security;

import static java.util.Objects.requireNonNull;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The calls in progress that came with a client certificate, so that revoking the certificate
 * ends them at once instead of when they happen to finish (an agent's stream and an admin's
 * status watch last for days).
 *
 * <p>A cut call is closed with the revocation's status and its service hears a cancellation,
 * exactly as if the client had gone away: streams clean up through their usual cancel handlers.
 */
public final class OpenCalls {
    private final Set<Tracked<?, ?>> calls = ConcurrentHashMap.newKeySet();

    /**
     * Wraps {@code call} and its listener so the call can be cut; every ServerCall method of the
     * wrapper is serialized, because a cut comes from another thread than the service's own.
     */
    <Q, R> Tracked<Q, R> track(ServerCall<Q, R> call, Caller caller) {
        Tracked<Q, R> tracked = new Tracked<>(call, caller);
        calls.add(tracked);
        return tracked;
    }

    /** Closes every open call whose caller matches, with {@code status}. @return how many */
    public int cut(Predicate<Caller> which, Status status) {
        requireNonNull(which, "which is null");
        requireNonNull(status, "status is null");
        int cut = 0;
        for (Tracked<?, ?> call : calls) {
            if (which.test(call.caller) && call.cut(status)) {
                cut++;
            }
        }
        return cut;
    }

    public int cut(CertificateReference certificate, Status status) {
        return cut(caller -> matches(certificate, caller), status);
    }

    static boolean matches(CertificateReference certificate, Caller caller) {
        return caller.hasCertificate() && switch (certificate.kind()) {
            case SERIAL -> certificate.hex().equals(caller.serial());
            case FINGERPRINT -> certificate.hex().equals(caller.fingerprint());
        };
    }

    int size() {
        return calls.size();
    }

    final class Tracked<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private final Caller caller;
        /** Guarded by this. */
        private boolean closed;
        /** Set once the call was closed by a cut; then the end is reported to the service as a cancellation. */
        private volatile boolean wasCut;

        private Tracked(ServerCall<Q, R> delegate, Caller caller) {
            super(delegate);
            this.caller = caller;
        }

        private synchronized boolean cut(Status status) {
            if (closed) {
                return false;
            }
            closed = true;
            wasCut = true;
            calls.remove(this);
            super.close(status, new Metadata());
            return true;
        }

        ServerCall.Listener<Q> listen(ServerCall.Listener<Q> listener) {
            return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
                @Override
                public void onComplete() {
                    calls.remove(Tracked.this);
                    if (wasCut) {
                        super.onCancel();
                    } else {
                        super.onComplete();
                    }
                }

                @Override
                public void onCancel() {
                    calls.remove(Tracked.this);
                    super.onCancel();
                }
            };
        }

        @Override
        public synchronized void sendHeaders(Metadata headers) {
            if (!closed) {
                super.sendHeaders(headers);
            }
        }

        @Override
        public synchronized void sendMessage(R message) {
            // After a cut the service may still write before it hears of the cancellation.
            if (!closed) {
                super.sendMessage(message);
            }
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            if (closed) {
                return;
            }
            closed = true;
            calls.remove(this);
            super.close(status, trailers);
        }

        @Override
        public synchronized void request(int numMessages) {
            if (!closed) {
                super.request(numMessages);
            }
        }

        @Override
        public synchronized boolean isReady() {
            return !closed && super.isReady();
        }

        @Override
        public synchronized boolean isCancelled() {
            return wasCut || super.isCancelled();
        }

        @Override
        public synchronized void setMessageCompression(boolean enabled) {
            super.setMessageCompression(enabled);
        }

        @Override
        public synchronized void setCompression(String compressor) {
            super.setCompression(compressor);
        }
    }
}
