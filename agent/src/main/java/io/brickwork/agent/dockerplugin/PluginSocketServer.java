package io.brickwork.agent.dockerplugin;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonObject;
import io.brickwork.common.concurrent.DaemonThreads;
import io.grpc.netty.shaded.io.netty.bootstrap.ServerBootstrap;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelFutureListener;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInitializer;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.SimpleChannelInboundHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpRequest;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpResponse;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpHeaderNames;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpMethod;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpObjectAggregator;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpResponseStatus;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpServerCodec;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpUtil;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpVersion;
import io.grpc.netty.shaded.io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Serves the {@link VolumeDriver} where Docker looks for legacy plugins, as HTTP/1.1 (Netty's
 * codec) on a Unix socket only root can open; no TCP port. The socket is bound in a fresh 0700
 * directory, made 0600 and only then renamed into place, so it is never open to others.
 *
 * <p>Calls run on a small pool, not on the event loop: a call that touches a mount which hangs
 * after its check is answered with the mount's problem when the call's time is up (well before
 * dockerd's own one or two minutes), and its thread is left behind (at most the pool's size of
 * them); see {@link PendingCall} for a mount that finishes after that.
 */
public final class PluginSocketServer {
    private static final Logger log = Logger.getLogger(PluginSocketServer.class.getName());
    static final int MAX_BODY = 64 * 1024;
    static final String CONTENT_TYPE = "application/vnd.docker.plugins.v1+json";
    private static final int MAX_CALLS = 8;

    private final Path socket;
    private final VolumeDriver driver;
    private final long callTimeoutMillis;
    private final ExecutorService calls = new ThreadPoolExecutor(1, MAX_CALLS, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), DaemonThreads.named("docker-plugin-call"));
    /** Answers for calls whose time ran out; apart from {@link #calls}, which may all be stuck. */
    private final ExecutorService stalls = new ThreadPoolExecutor(0, MAX_CALLS, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), DaemonThreads.named("docker-plugin-stalled"));
    private EventLoopGroup group;
    private Channel channel;
    private final Optional<DockerEngineNudge> nudge;

    PluginSocketServer(Path socket, VolumeDriver driver, long callTimeoutMillis, Optional<DockerEngineNudge> nudge) {
        this.socket = requireNonNull(socket, "socket is null");
        this.driver = requireNonNull(driver, "driver is null");
        this.callTimeoutMillis = callTimeoutMillis;
        this.nudge = requireNonNull(nudge, "nudge is null");
    }

    public synchronized void start() throws IOException, InterruptedException {
        Path directory = socket.getParent();
        Files.createDirectories(directory);
        if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            if (!isSocket(socket)) {
                throw new IOException(socket + " exists and is not a socket; not replacing it");
            }
            // A socket left by an agent that did not stop cleanly: nobody answers on it.
            Files.delete(socket);
        }
        Path staging = Files.createTempDirectory(directory, ".brickwork-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path bound = staging.resolve("plugin.sock");
        group = new EpollEventLoopGroup(1, DaemonThreads.named("docker-plugin"));
        try {
            channel = new ServerBootstrap().group(group).channel(EpollServerDomainSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel child) {
                            child.pipeline().addLast(new ReadTimeoutHandler(120, TimeUnit.SECONDS),
                                    new HttpServerCodec(4096, 8192, 8192),
                                    new HttpObjectAggregator(MAX_BODY), new CallHandler());
                        }
                    }).bind(new DomainSocketAddress(bound.toString())).sync().channel();
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
            Files.move(bound, socket, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        } finally {
            Files.deleteIfExists(bound);
            Files.deleteIfExists(staging);
        }
        log.info(() -> "Docker volume plugin 'brickwork' listening on " + socket);
        nudge.ifPresent(DockerEngineNudge::start);
    }

    private static boolean isSocket(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & 0170000) == 0140000;
    }

    public synchronized void stop() {
        nudge.ifPresent(DockerEngineNudge::stop);
        if (channel != null) {
            channel.close().syncUninterruptibly();
            channel = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            group = null;
        }
        calls.shutdownNow();
        stalls.shutdownNow();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.warning(() -> "cannot remove " + socket + ": " + e);
        }
    }

    private final class CallHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (!request.decoderResult().isSuccess()) {
                reply(context, HttpResponseStatus.BAD_REQUEST, error("malformed HTTP request"), false);
                return;
            }
            if (!request.method().equals(HttpMethod.POST)) {
                reply(context, HttpResponseStatus.METHOD_NOT_ALLOWED, error("only POST"), keepAlive);
                return;
            }
            String endpoint = request.uri();
            String body;
            try {
                body = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(request.content().nioBuffer()).toString();
            } catch (CharacterCodingException e) {
                reply(context, HttpResponseStatus.OK, error("the request body is not UTF-8"), keepAlive);
                return;
            }
            PendingCall pending = new PendingCall();
            CompletableFuture<JsonObject> call;
            try {
                call = CompletableFuture.supplyAsync(() -> {
                    try {
                        return driver.handle(endpoint, body, pending);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return error("interrupted");
                    }
                }, calls);
            } catch (RejectedExecutionException e) {
                reply(context, HttpResponseStatus.OK, error("busy: " + MAX_CALLS + " calls still running"), keepAlive);
                return;
            }
            ScheduledFuture<?> timeout = context.executor().schedule(() -> {
                if (pending.abandon()) {
                    answerStalled(context, endpoint, keepAlive);
                }
            }, callTimeoutMillis, TimeUnit.MILLISECONDS);
            call.exceptionally(failure -> error(String.valueOf(failure)))
                    .thenAccept(answer -> {
                        timeout.cancel(false);
                        if (pending.claimByDriver()) {
                            context.executor().execute(() -> reply(context, HttpResponseStatus.OK, answer, keepAlive));
                        }
                    });
        }

        /** Off the event loop: finding out what is wrong takes up to one mount probe. */
        private void answerStalled(ChannelHandlerContext context, String endpoint, boolean keepAlive) {
            Duration ranFor = Duration.ofMillis(callTimeoutMillis);
            try {
                stalls.execute(() -> {
                    JsonObject answer;
                    try {
                        answer = driver.stalled(endpoint, ranFor);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        answer = error(endpoint + " did not finish in " + callTimeoutMillis + " ms");
                    } catch (RuntimeException e) {
                        answer = error(endpoint + " did not finish in " + callTimeoutMillis + " ms: " + e);
                    }
                    JsonObject stalled = answer;
                    context.executor().execute(() -> reply(context, HttpResponseStatus.OK, stalled, keepAlive));
                });
            } catch (RejectedExecutionException e) {
                reply(context, HttpResponseStatus.OK, error(endpoint + " did not finish in " + callTimeoutMillis
                        + " ms (a hung mount?)"), keepAlive);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }

    private static JsonObject error(String message) {
        JsonObject answer = new JsonObject();
        answer.addProperty("Err", "brickwork: " + message);
        return answer;
    }

    private static void reply(ChannelHandlerContext context, HttpResponseStatus status, JsonObject answer,
            boolean keepAlive) {
        byte[] json = answer.toString().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(ByteBuffer.wrap(json)));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, json.length);
        if (keepAlive) {
            HttpUtil.setKeepAlive(response, true);
            context.writeAndFlush(response);
        } else {
            context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
