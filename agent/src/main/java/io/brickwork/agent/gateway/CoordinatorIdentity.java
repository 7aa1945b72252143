package io.brickwork.agent.gateway;

import io.brickwork.common.security.Fingerprints;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Remembers which coordinator certificate the current stream was opened to, so every action
 * in the audit log names who sent it as TLS proved it, not as the request claims.
 */
public final class CoordinatorIdentity implements ClientInterceptor {
    private final AtomicReference<String> current = new AtomicReference<>("unverified");

    /** "coordinator sha256:<hex>" for TLS streams, "unverified" for plaintext (tests only). */
    public String current() {
        return current.get();
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        ClientCall<Q, R> call = next.newCall(method, options);
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onHeaders(Metadata responseHeaders) {
                        current.set(describe(getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION)));
                        super.onHeaders(responseHeaders);
                    }
                }, headers);
            }
        };
    }

    private static String describe(SSLSession session) {
        if (session == null) {
            return "unverified";
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf
                    ? "coordinator sha256:" + Fingerprints.sha256(leaf) : "unverified";
        } catch (SSLPeerUnverifiedException e) {
            return "unverified";
        }
    }
}
