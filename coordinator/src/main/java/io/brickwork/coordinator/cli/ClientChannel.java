package io.brickwork.coordinator.cli;

import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A client command's one connection to the coordinator, on a transport thread of its own that
 * {@link #close} stops.
 *
 * <p>Why not gRPC's shared transport threads: those outlive the channel by a second, blocked in
 * epoll_wait, and at exit HotSpot waits up to 300 ms for any thread still in native code to
 * come out (VM_Exit::wait_for_threads_in_native_to_block). Every CLI command paid that: about
 * half of `brickwork nodes`.
 */
final class ClientChannel implements AutoCloseable {
    private final ManagedChannel channel;
    private final EventLoopGroup loop;

    private ClientChannel(NettyChannelBuilder builder, EventLoopGroup loop) {
        this.loop = loop;
        this.channel = builder.eventLoopGroup(loop).build();
    }

    /** Over the coordinator's local Unix socket (Linux only, as the coordinator is). */
    static ClientChannel unix(String socketPath, ChannelCredentials credentials) {
        return new ClientChannel(NettyChannelBuilder.forAddress(new DomainSocketAddress(socketPath), credentials)
                .channelType(EpollDomainSocketChannel.class), new EpollEventLoopGroup(1));
    }

    /** Over TCP to {@code target} ("host:port"), checking the server's certificate for {@code authority}. */
    static ClientChannel tcp(String target, ChannelCredentials credentials, String authority) {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target, credentials).overrideAuthority(authority);
        if (Epoll.isAvailable()) {
            return new ClientChannel(builder.channelType(EpollSocketChannel.class), new EpollEventLoopGroup(1));
        }
        return new ClientChannel(builder.channelType(NioSocketChannel.class), new NioEventLoopGroup(1));
    }

    ManagedChannel channel() {
        return channel;
    }

    /** True once {@link #close} has stopped the channel and its transport thread. */
    boolean isTerminated() {
        return channel.isTerminated() && loop.isTerminated();
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            // No quiet period: the channel is gone, nothing else will be scheduled on this loop.
            loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }
}
