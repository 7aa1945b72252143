package io.brickwork.coordinator.testing;

import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.brickwork.common.net.HostPort;
import io.brickwork.coordinator.api.ApiSettings;
import io.brickwork.coordinator.apply.ApplySettings;
import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.gateway.GatewaySettings;
import io.brickwork.coordinator.health.HealthModel;
import io.brickwork.coordinator.health.HealthSettings;
import io.brickwork.coordinator.metrics.ApplyRecorder;
import io.brickwork.coordinator.metrics.MetricsSettings;
import io.brickwork.coordinator.plan.StepTimeouts;
import io.brickwork.coordinator.security.SecuritySettings;
import io.brickwork.coordinator.server.CoordinatorMain;
import io.brickwork.coordinator.server.CoordinatorSettings;
import io.brickwork.coordinator.server.Lifecycle;
import io.brickwork.coordinator.server.ServerSettings;
import io.brickwork.coordinator.state.SpecStore;
import io.brickwork.coordinator.swarm.SwarmSettings;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The production coordinator (every feature module, as {@code brickwork serve} builds it) behind
 * an in-process door, with its state in a fresh temporary directory. A JUnit 5 extension: it
 * starts before each test and stops after it, agents and channel included.
 *
 * <pre>{@code
 * @RegisterExtension
 * final InProcessCoordinator coordinator = new InProcessCoordinator(Duration.ofMillis(500));
 * }</pre>
 */
public final class InProcessCoordinator implements BeforeEachCallback, AfterEachCallback {
    public static final StepTimeouts TIMEOUTS = new StepTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
    public static final Duration REPORT_INTERVAL = Duration.ofSeconds(5);
    /** Longer than any test: heartbeats never drop a test's agents. */
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(2);

    public final AgentRegistry registry;
    public final HealthModel health;
    public final SpecStore specStore;
    public final ManagedChannel channel;
    private final Path stateDir;
    private final Lifecycle lifecycle;

    /**
     * @param transitGrace how long the gateway waits past an action's timeout for its result
     */
    public InProcessCoordinator(Duration transitGrace) {
        this(transitGrace, List.of());
    }

    /** Applies are told to {@code recorder} instead of the metrics. */
    public static InProcessCoordinator recordingApplies(Duration transitGrace, ApplyRecorder recorder) {
        return new InProcessCoordinator(transitGrace,
                List.of(binder -> binder.bind(ApplyRecorder.class).toInstance(recorder)));
    }

    private InProcessCoordinator(Duration transitGrace, List<Module> overrides) {
        try {
            stateDir = Files.createTempDirectory("brickwork-coordinator-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InProcessTransport transport = new InProcessTransport();
        List<Module> modules = CoordinatorMain.modules(
                settings(stateDir, stateDir.resolve("admin.sock"), stateDir.resolve("audit.log"), transitGrace), transport);
        Injector injector = CoordinatorMain.injector(
                overrides.isEmpty() ? modules : List.of(Modules.override(modules).with(overrides)));
        registry = injector.getInstance(AgentRegistry.class);
        health = injector.getInstance(HealthModel.class);
        specStore = injector.getInstance(SpecStore.class);
        lifecycle = injector.getInstance(Lifecycle.class);
        channel = transport.channel();
    }

    /** Test values: any free port on 127.0.0.1, steps time out after 2 s, no metrics endpoint, no Swarm. */
    public static CoordinatorSettings settings(Path stateDir, Path adminSocket, Path auditLog, Duration transitGrace) {
        return new CoordinatorSettings(
                new ServerSettings(new HostPort("127.0.0.1", 0), adminSocket),
                new SecuritySettings(stateDir, auditLog, new SecuritySettings.Tls(List.of(),
                        Duration.ofDays(365), Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(7)), Duration.ofHours(1)),
                new GatewaySettings(HEARTBEAT_INTERVAL, transitGrace),
                new HealthSettings(REPORT_INTERVAL),
                new ApplySettings(TIMEOUTS, VERIFY_TIMEOUT),
                new ApiSettings(stateDir),
                new MetricsSettings(Optional.empty()),
                SwarmSettings.disabled());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        lifecycle.start();
    }

    /** Channel first: the agents' and watchers' calls end, so the doors close without waiting. */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        channel.shutdownNow();
        channel.awaitTermination(5, TimeUnit.SECONDS);
        lifecycle.stop();
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** An agent for {@code node}, connected and welcomed; it answers actions with {@code behaviour}. */
    public FakeAgent connect(String node, String address, Function<ActionRequest, Optional<ActionResult>> behaviour)
            throws InterruptedException {
        FakeAgent agent = new FakeAgent(channel, node, address, behaviour).connect();
        if (!agent.awaitWelcome()) {
            throw new AssertionError(node + " was not welcomed within 5 s");
        }
        return agent;
    }

    /** Where the coordinator keeps its state: a test may put a journal there before the start. */
    public Path stateDir() {
        return stateDir;
    }

    public CoordinatorGrpc.CoordinatorBlockingStub api() {
        return CoordinatorGrpc.newBlockingStub(channel);
    }

    public CoordinatorGrpc.CoordinatorStub asyncApi() {
        return CoordinatorGrpc.newStub(channel);
    }
}
