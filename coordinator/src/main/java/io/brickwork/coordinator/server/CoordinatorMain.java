package io.brickwork.coordinator.server;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import io.brickwork.coordinator.api.ApiModule;
import io.brickwork.coordinator.departure.DepartureModule;
import io.brickwork.coordinator.apply.ApplyModule;
import io.brickwork.coordinator.gateway.GatewayModule;
import io.brickwork.coordinator.health.HealthModule;
import io.brickwork.coordinator.layout.LayoutModule;
import io.brickwork.coordinator.tlsswitch.TlsSwitchModule;
import io.brickwork.coordinator.metrics.MetricsModule;
import io.brickwork.coordinator.operation.OperationsModule;
import io.brickwork.coordinator.replace.ReplaceModule;
import io.brickwork.coordinator.security.SecurityModule;
import io.brickwork.coordinator.swarm.SwarmModule;
import java.util.ArrayList;
import java.util.List;

/**
 * The coordinator's one bootstrap: every feature module, one injector. Building it touches no
 * file, port or thread; {@link Lifecycle#start()} does that, in order.
 */
public final class CoordinatorMain {
    private CoordinatorMain() {}

    /** Every feature of the coordinator, on the given doors. */
    public static List<Module> modules(CoordinatorSettings settings, ServerTransport transport) {
        requireNonNull(settings, "settings is null");
        requireNonNull(transport, "transport is null");
        return List.of(
                new ServerModule(settings.server(), transport),
                new SecurityModule(settings.security()),
                new GatewayModule(settings.gateway(), transport.provesCallers()),
                new HealthModule(settings.health()),
                new ApplyModule(settings.apply()),
                new ApiModule(settings.api()),
                new OperationsModule(),
                new ReplaceModule(),
                new LayoutModule(),
                new TlsSwitchModule(),
                new DepartureModule(),
                new MetricsModule(settings.metrics()),
                new SwarmModule(settings.swarm()));
    }

    /**
     * Every binding explicit, every singleton made with the injector: a wiring mistake fails
     * here, not on a first call.
     */
    public static Injector injector(List<? extends Module> modules) {
        List<Module> all = new ArrayList<>();
        all.add(new AbstractModule() {
            @Override
            protected void configure() {
                binder().requireExplicitBindings();
                binder().disableCircularProxies();
            }
        });
        all.addAll(modules);
        return Guice.createInjector(Stage.PRODUCTION, all);
    }

    /**
     * Builds and starts the coordinator; stop it with the returned lifecycle. Throws what kept
     * it from starting, with nothing left running ({@link StartupErrors} puts it in words).
     */
    public static Lifecycle start(CoordinatorSettings settings, ServerTransport transport) {
        Lifecycle lifecycle = injector(modules(settings, transport)).getInstance(Lifecycle.class);
        lifecycle.start();
        return lifecycle;
    }
}
