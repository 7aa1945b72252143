package io.brickwork.coordinator.server;

import static java.util.Objects.requireNonNull;

import io.brickwork.coordinator.security.LocalSocketCredentials;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** The socket's directory is 0700 and the socket 0600: file permissions are the credential. */
final class AdminSocket implements ServerTransport.LocalDoor {
    private static final Logger log = Logger.getLogger(AdminSocket.class.getName());
    private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path socket;
    private EventLoopGroup eventLoop;

    AdminSocket(Path socket) {
        this.socket = requireNonNull(socket, "socket is null");
    }

    @Override
    public synchronized ServerBuilder<?> open() {
        try {
            Path directory = socket.getParent();
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
            Files.setPosixFilePermissions(directory, PRIVATE_DIRECTORY);
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the admin socket " + socket + ": " + e.getMessage(), e);
        }
        eventLoop = new EpollEventLoopGroup(1);
        return NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()),
                        LocalSocketCredentials.create())
                .channelType(EpollServerDomainSocketChannel.class)
                .bossEventLoopGroup(eventLoop)
                .workerEventLoopGroup(eventLoop);
    }

    @Override
    public void opened() {
        try {
            Files.setPosixFilePermissions(socket, PRIVATE_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the admin socket " + socket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void closed() {
        if (eventLoop != null) {
            eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            eventLoop = null;
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.fine(() -> "could not remove " + socket + ": " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return socket.toString();
    }
}
