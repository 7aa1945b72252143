package io.brickwork.agent.dockerplugin;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.agent.directories.Directories;
import io.brickwork.agent.gateway.GatewayClient;
import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.mount.MountTable;
import io.brickwork.agent.ownership.Ownership;
import io.brickwork.agent.report.MountProber;
import io.brickwork.agent.system.SystemPaths;
import io.brickwork.agent.system.Ticker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The Docker volume plugin: only bindings; AgentMain starts and stops the server. */
public final class DockerPluginModule extends AbstractModule {
    static final Duration NUDGE_INTERVAL = Duration.ofSeconds(30);
    /** Enabling quota on a volume and setting a limit, through the coordinator and the manager's glusterd. */
    static final Duration QUOTA_SET_TIMEOUT = Duration.ofSeconds(15);
    /** One local {@code volume quota list} for docker volume inspect. */
    static final Duration QUOTA_READ_TIMEOUT = Duration.ofSeconds(5);
    private final DockerPluginSettings settings;
    private final String nodeName;
    private final List<Path> mountRoots;
    private final Duration probeTimeout;

    public DockerPluginModule(DockerPluginSettings settings, String nodeName, List<Path> mountRoots,
            Duration probeTimeout) {
        this.settings = requireNonNull(settings, "settings is null");
        this.nodeName = requireNonNull(nodeName, "nodeName is null");
        this.mountRoots = List.copyOf(mountRoots);
        this.probeTimeout = requireNonNull(probeTimeout, "probeTimeout is null");
    }

    @Override
    protected void configure() {}

    @Provides
    @Singleton
    PluginSocketServer server(SystemPaths paths, MountTable mountTable, Directories directories, Ownership ownership,
            Ticker ticker, GatewayClient gateway, GlusterCli cli) {
        // A prober of its own: a stat stuck on a hung mount here never delays the node report's.
        MountSafety safety = new MountSafety(mountTable, new MountProber(ownership::of, probeTimeout, ticker));
        NodeVolumes volumes = new NodeVolumes(() -> Files.readString(paths.fstab()), mountRoots);
        VolumeDriver driver = new VolumeDriver(nodeName, volumes, safety, directories, ownership, Clock.systemUTC(),
                probeTimeout, new CoordinatorQuotas(gateway, cli, QUOTA_SET_TIMEOUT, QUOTA_READ_TIMEOUT));
        return new PluginSocketServer(settings.socket(), driver, settings.callTimeout().toMillis(),
                settings.dockerSocket().map(socket -> new DockerEngineNudge(socket, NUDGE_INTERVAL)));
    }
}
