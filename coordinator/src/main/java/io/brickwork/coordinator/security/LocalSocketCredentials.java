package io.brickwork.coordinator.security;

import io.grpc.Attributes;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiationEvent;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.grpc.netty.ProtocolNegotiationEvent;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.PeerCredentials;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Plaintext server credentials for the coordinator's Unix socket that also read who connected
 * (SO_PEERCRED: the kernel's word, not the client's) into the transport attributes, so the
 * audit trail names the real uid and pid of a local admin rather than assuming root.
 */
public final class LocalSocketCredentials {
    /** The connecting process's uid, when the kernel told it. */
    public static final Attributes.Key<Integer> PEER_UID = Attributes.Key.create("brickwork-peer-uid");
    /** The connecting process's pid, when the kernel told it. */
    public static final Attributes.Key<Integer> PEER_PID = Attributes.Key.create("brickwork-peer-pid");

    private static final Logger log = Logger.getLogger(LocalSocketCredentials.class.getName());
    private static final AsciiString HTTP = AsciiString.of("http");

    private LocalSocketCredentials() {}

    public static ServerCredentials create() {
        return InternalNettyServerCredentials.create(new PeerCredentialsNegotiator());
    }

    private static final class PeerCredentialsNegotiator implements InternalProtocolNegotiator.ProtocolNegotiator {
        @Override
        public AsciiString scheme() {
            return HTTP;
        }

        @Override
        public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
            // As the plaintext negotiator does, with one step between "active" and "negotiated".
            return InternalProtocolNegotiators.waitUntilActiveHandler(
                    new PeerCredentialsHandler(InternalProtocolNegotiators.grpcNegotiationHandler(grpcHandler), grpcHandler),
                    grpcHandler.getNegotiationLogger());
        }

        @Override
        public void close() {}
    }

    private static final class PeerCredentialsHandler extends InternalProtocolNegotiators.ProtocolNegotiationHandler {
        PeerCredentialsHandler(ChannelHandler next, GrpcHttp2ConnectionHandler grpcHandler) {
            super(next, grpcHandler.getNegotiationLogger());
        }

        @Override
        protected void protocolNegotiationEventTriggered(ChannelHandlerContext ctx) {
            if (ctx.channel() instanceof EpollDomainSocketChannel channel) {
                try {
                    PeerCredentials credentials = channel.peerCredentials();
                    ProtocolNegotiationEvent event = getProtocolNegotiationEvent();
                    Attributes attributes = InternalProtocolNegotiationEvent.getAttributes(event).toBuilder()
                            .set(PEER_UID, credentials.uid())
                            .set(PEER_PID, credentials.pid())
                            .build();
                    replaceProtocolNegotiationEvent(InternalProtocolNegotiationEvent.withAttributes(event, attributes));
                } catch (IOException e) {
                    log.warning(() -> "cannot read the peer credentials of a local connection: " + e.getMessage());
                }
            }
            fireProtocolNegotiationEvent(ctx);
        }
    }
}
