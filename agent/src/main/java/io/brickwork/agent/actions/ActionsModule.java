package io.brickwork.agent.actions;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import io.brickwork.agent.directories.Directories;
import io.brickwork.agent.directories.NioDirectories;
import io.brickwork.agent.files.AtomicFileWriter;
import io.brickwork.agent.services.SystemctlManager;
import io.brickwork.agent.services.SystemdManager;
import io.brickwork.agent.gluster.CliGlusterCli;
import io.brickwork.agent.gluster.CoalescingGlusterCli;
import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.GlusterdStore;
import io.brickwork.agent.mount.CommandMounter;
import io.brickwork.agent.mount.CommandUnmounter;
import io.brickwork.agent.mount.MountUsers;
import io.brickwork.agent.mount.ProcMountUsers;
import io.brickwork.agent.mount.Unmounter;
import io.brickwork.agent.mount.MountTable;
import io.brickwork.agent.mount.Mounter;
import io.brickwork.agent.mount.ProcMountTable;
import io.brickwork.agent.ownership.NioOwnership;
import io.brickwork.agent.ownership.Ownership;
import io.brickwork.agent.packages.AptPackages;
import io.brickwork.agent.packages.Packages;
import io.brickwork.agent.services.Glusterd;
import io.brickwork.agent.services.SystemdGlusterd;
import io.brickwork.agent.steps.NodeDescriber;
import io.brickwork.agent.steps.VolumeDescriber;
import io.brickwork.agent.steps.StepRunner;
import io.brickwork.agent.system.CommandRunner;
import io.brickwork.agent.system.KernelLocalNode;
import io.brickwork.agent.system.LocalNode;
import io.brickwork.agent.system.ProcessCommandRunner;
import io.brickwork.agent.system.SystemPaths;
import io.brickwork.agent.system.SystemTicker;
import io.brickwork.agent.system.Ticker;
import io.brickwork.agent.xattr.BrickXattrs;
import io.brickwork.agent.xattr.GetfattrBrickXattrs;

/** The agent's actions and everything they run on: only bindings, every one explicit. */
public final class ActionsModule extends AbstractModule {
    private final ActionSettings settings;

    public ActionsModule(ActionSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    protected void configure() {
        bind(ActionSettings.class).toInstance(settings);
        bind(SystemPaths.class).toInstance(SystemPaths.standard());
        bind(ActionExecutor.class).to(LocalActionExecutor.class).in(Scopes.SINGLETON);
        bind(ActionValidator.class).in(Scopes.SINGLETON);
        bind(StepFactory.class).in(Scopes.SINGLETON);
        bind(StepRunner.class).in(Scopes.SINGLETON);
        bind(NodeDescriber.class).in(Scopes.SINGLETON);
        bind(VolumeDescriber.class).in(Scopes.SINGLETON);

        bind(CommandRunner.class).to(ProcessCommandRunner.class).in(Scopes.SINGLETON);
        bind(Ticker.class).to(SystemTicker.class).in(Scopes.SINGLETON);
        bind(LocalNode.class).to(KernelLocalNode.class).in(Scopes.SINGLETON);
        bind(AtomicFileWriter.class).in(Scopes.SINGLETON);
        bind(CliGlusterCli.class).in(Scopes.SINGLETON);
        bind(GlusterdStore.class).toInstance(new GlusterdStore(GlusterdStore.STANDARD));
        bind(Packages.class).to(AptPackages.class).in(Scopes.SINGLETON);
        bind(Glusterd.class).to(SystemdGlusterd.class).in(Scopes.SINGLETON);
        bind(BrickXattrs.class).to(GetfattrBrickXattrs.class).in(Scopes.SINGLETON);
        bind(MountTable.class).to(ProcMountTable.class).in(Scopes.SINGLETON);
        bind(Mounter.class).to(CommandMounter.class).in(Scopes.SINGLETON);
        bind(Unmounter.class).to(CommandUnmounter.class).in(Scopes.SINGLETON);
        bind(MountUsers.class).to(ProcMountUsers.class).in(Scopes.SINGLETON);
        bind(Ownership.class).to(NioOwnership.class).in(Scopes.SINGLETON);
        bind(Directories.class).to(NioDirectories.class).in(Scopes.SINGLETON);
        bind(SystemdManager.class).to(SystemctlManager.class).in(Scopes.SINGLETON);
    }

    /** Overlapping identical reads (the check round's steps, the periodic report) share one call. */
    @Provides
    @Singleton
    GlusterCli glusterCli(CliGlusterCli cli) {
        return new CoalescingGlusterCli(cli);
    }
}
