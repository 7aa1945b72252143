package io.brickwork.agent.report;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.brickwork.agent.gluster.GetStateReader;
import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.mount.MountTable;
import io.brickwork.agent.ownership.Ownership;
import io.brickwork.agent.services.Glusterd;
import io.brickwork.agent.system.CommandRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;

/** The node report: only bindings; the gateway starts and stops the reporter with its stream. */
public final class ReportModule extends AbstractModule {
    /** Cheap local checks (mount states, brick processes alive) run this often between reports. */
    private static final Duration CHECK_PERIOD = Duration.ofSeconds(1);
    /** A report waits this long for its reads; a slower read is named in errors and skipped next time. */
    private static final Duration READ_WAIT = Duration.ofSeconds(3);
    private static final Duration GLUSTER_TIMEOUT = Duration.ofSeconds(10);

    private final Duration interval;
    private final Duration mountProbeTimeout;

    public ReportModule(Duration interval, Duration mountProbeTimeout) {
        this.interval = requireNonNull(interval, "interval is null");
        this.mountProbeTimeout = requireNonNull(mountProbeTimeout, "mountProbeTimeout is null");
    }

    @Override
    protected void configure() {}

    @Provides
    @Singleton
    NodeReporter reporter(GlusterCli gluster, CommandRunner runner, Glusterd glusterd, MountTable mountTable,
            Ownership ownership) {
        return new PeriodicNodeReporter(gluster,
                new GetStateReader(runner, GetStateReader.DUMP_DIR, GetStateReader.GLUSTER_RUN_DIR),
                glusterd::refusing, mountTable, new MountProber(ownership::of, mountProbeTimeout),
                new OshiHostStats(), pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                new ReportTiming(interval, CHECK_PERIOD, READ_WAIT, GLUSTER_TIMEOUT),
                Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "node-report");
                    thread.setDaemon(true);
                    return thread;
                }),
                Clock.systemUTC());
    }
}
