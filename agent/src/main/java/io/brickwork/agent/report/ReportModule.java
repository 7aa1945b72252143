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
import io.brickwork.agent.system.Ticker;
import io.brickwork.common.concurrent.DaemonThreads;
import java.util.concurrent.Executors;

/** The node report: only bindings; the gateway starts and stops the reporter with its stream. */
public final class ReportModule extends AbstractModule {
    private final ReportSettings settings;

    public ReportModule(ReportSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    protected void configure() {}

    @Provides
    @Singleton
    NodeReporter reporter(GlusterCli gluster, CommandRunner runner, Glusterd glusterd, MountTable mountTable,
            Ownership ownership, Ticker ticker) {
        return new PeriodicNodeReporter(gluster,
                new GetStateReader(runner, GetStateReader.DUMP_DIR, GetStateReader.GLUSTER_RUN_DIR),
                glusterd::refusing, mountTable, ownership::of,
                new OshiHostStats(), pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                settings,
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("node-report")),
                ticker);
    }
}
