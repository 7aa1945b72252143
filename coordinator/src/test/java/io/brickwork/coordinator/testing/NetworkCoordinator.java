package io.brickwork.coordinator.testing;

import com.google.inject.Injector;
import io.brickwork.coordinator.gateway.GatewaySettings;
import io.brickwork.coordinator.server.CoordinatorMain;
import io.brickwork.coordinator.server.CoordinatorServer;
import io.brickwork.coordinator.server.CoordinatorSettings;
import io.brickwork.coordinator.server.DoorLimits;
import io.brickwork.coordinator.server.Lifecycle;
import io.brickwork.coordinator.server.NettyTransport;
import java.nio.file.Path;

/**
 * The production coordinator on its real doors: a free port on 127.0.0.1 (mutual TLS, the CA in
 * {@code dir/state}) and the admin socket {@code dir/run/admin.sock}. Started by {@link #start};
 * the test stops it.
 */
public final class NetworkCoordinator {
    private final Injector injector;
    private final Lifecycle lifecycle;
    private final CoordinatorServer server;

    private NetworkCoordinator(Injector injector) {
        this.injector = injector;
        this.lifecycle = injector.getInstance(Lifecycle.class);
        this.server = injector.getInstance(CoordinatorServer.class);
    }

    public static NetworkCoordinator start(Path dir) {
        return start(dir, DoorLimits.DEFAULTS);
    }

    /** With other limits on the TLS door, for tests that cannot wait out the real ones. */
    public static NetworkCoordinator start(Path dir, DoorLimits limits) {
        CoordinatorSettings settings = InProcessCoordinator.settings(dir.resolve("state"), dir.resolve("run/admin.sock"),
                dir.resolve("log/audit.log"), GatewaySettings.TRANSIT_GRACE);
        Injector injector = CoordinatorMain.injector(
                CoordinatorMain.modules(settings, new NettyTransport(settings.server(), limits)));
        NetworkCoordinator coordinator = new NetworkCoordinator(injector);
        coordinator.lifecycle.start();
        return coordinator;
    }

    /** The TLS door's port. */
    public int port() {
        return server.port();
    }

    /** One of the coordinator's own parts, e.g. its revocations, for a test to look at. */
    public <T> T instance(Class<T> type) {
        return injector.getInstance(type);
    }

    public void stop() {
        lifecycle.stop();
    }
}
