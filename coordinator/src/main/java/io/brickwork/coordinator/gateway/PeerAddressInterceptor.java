package io.brickwork.coordinator.gateway;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * Makes the address an agent's stream comes from visible to the gateway. That address is
 * routable from the coordinator, which makes it a better default for /etc/hosts than the first
 * address an agent lists (which may belong to docker0 or another bridge).
 */
public final class PeerAddressInterceptor implements ServerInterceptor {
    static final Context.Key<String> REMOTE_ADDRESS = Context.key("brickwork-remote-address");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String text = inet.getAddress().getHostAddress();
            int zone = text.indexOf('%');
            Context context = Context.current().withValue(REMOTE_ADDRESS, zone < 0 ? text : text.substring(0, zone));
            return Contexts.interceptCall(context, call, headers, next);
        }
        return next.startCall(call, headers);
    }

    static Optional<String> current() {
        return Optional.ofNullable(REMOTE_ADDRESS.get());
    }
}
