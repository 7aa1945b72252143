package io.brickwork.common.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * GrpcCleanupRule for JUnit 5: registered servers and channels are shut down after each
 * test, forcefully if they do not finish within a second, in reverse order of registration.
 */
public final class GrpcCleanupExtension implements AfterEachCallback {
    private final Deque<Runnable> cleanups = new ArrayDeque<>();

    public <T extends ManagedChannel> T register(T channel) {
        cleanups.push(() -> {
            channel.shutdown();
            try {
                if (!channel.awaitTermination(1, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                channel.shutdownNow();
                Thread.currentThread().interrupt();
            }
        });
        return channel;
    }

    public <T extends Server> T register(T server) {
        cleanups.push(() -> {
            server.shutdown();
            try {
                if (!server.awaitTermination(1, TimeUnit.SECONDS)) {
                    server.shutdownNow();
                }
            } catch (InterruptedException e) {
                server.shutdownNow();
                Thread.currentThread().interrupt();
            }
        });
        return server;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        while (!cleanups.isEmpty()) {
            cleanups.pop().run();
        }
    }
}
