package io.brickwork.agent.dockerplugin;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.brickwork.common.concurrent.DaemonThreads;
import io.grpc.netty.shaded.io.netty.bootstrap.Bootstrap;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInitializer;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.SimpleChannelInboundHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpRequest;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpResponse;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpClientCodec;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpHeaderNames;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpHeaderValues;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpMethod;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpObjectAggregator;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpVersion;
import io.grpc.netty.shaded.io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Makes this node's dockerd load the plugin. dockerd loads a legacy plugin only when something
 * first needs it, and until then does not list it among the node's volume drivers; Swarm's
 * scheduler then places no task with a {@code driver: brickwork} volume on the node ("missing
 * plugin"). So the agent asks dockerd, over its own socket, whether it lists "brickwork"
 * ({@code GET /info}) and if not has it list the volumes ({@code GET /volumes}), which loads
 * every legacy plugin found; checked again every interval, since a restarted dockerd forgets it.
 * Only GETs: nothing here changes Docker.
 */
public final class DockerEngineNudge {
    private static final Logger log = Logger.getLogger(DockerEngineNudge.class.getName());
    static final String DRIVER = "brickwork";
    private static final int MAX_RESPONSE = 4 * 1024 * 1024;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    private final Path dockerSocket;
    private final Duration interval;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("docker-engine-nudge"));
    private EventLoopGroup group;
    private volatile boolean listed;

    DockerEngineNudge(Path dockerSocket, Duration interval) {
        this.dockerSocket = requireNonNull(dockerSocket, "dockerSocket is null");
        this.interval = requireNonNull(interval, "interval is null");
    }

    public synchronized void start() {
        group = new EpollEventLoopGroup(1, DaemonThreads.named("docker-engine-client"));
        schedule.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        schedule.shutdownNow();
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private void check() {
        if (!Files.exists(dockerSocket)) {
            return;
        }
        try {
            if (lists(get("/info"))) {
                if (!listed) {
                    log.info(() -> "dockerd on " + dockerSocket + " lists the volume driver " + DRIVER);
                }
                listed = true;
                return;
            }
            listed = false;
            get("/volumes");
            log.info(() -> "had dockerd on " + dockerSocket + " load the volume plugin " + DRIVER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Netty rethrows connect failures unchecked or undeclared; none may end the schedule.
            log.fine(() -> "dockerd on " + dockerSocket + " not reached: " + e);
        }
    }

    /** Whether {@code GET /info}'s Plugins.Volume names the driver. */
    static boolean lists(String info) {
        try {
            JsonElement volume = JsonParser.parseString(info).getAsJsonObject().getAsJsonObject("Plugins").get("Volume");
            if (volume == null || !volume.isJsonArray()) {
                return false;
            }
            for (JsonElement driver : volume.getAsJsonArray()) {
                if (driver.isJsonPrimitive() && DRIVER.equals(driver.getAsString())) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        CompletableFuture<String> body = new CompletableFuture<>();
        Channel channel = new Bootstrap().group(group).channel(EpollDomainSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CALL_TIMEOUT.toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new ReadTimeoutHandler(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                                new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE),
                                new SimpleChannelInboundHandler<FullHttpResponse>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext context,
                                            FullHttpResponse response) {
                                        if (response.status().code() != 200) {
                                            body.completeExceptionally(new IOException("GET " + path + ": "
                                                    + response.status()));
                                        } else {
                                            body.complete(response.content().toString(StandardCharsets.UTF_8));
                                        }
                                        context.close();
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
                                        body.completeExceptionally(cause);
                                        context.close();
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext context) {
                                        body.completeExceptionally(new IOException("dockerd closed the connection"));
                                    }
                                });
                    }
                }).connect(new DomainSocketAddress(dockerSocket.toString())).sync().channel();
        try {
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
            request.headers().set(HttpHeaderNames.HOST, "docker")
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            channel.writeAndFlush(request);
            return body.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("GET " + path + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("GET " + path + ": no answer in " + CALL_TIMEOUT);
        } finally {
            channel.close();
        }
    }
}
