package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.mount.MountEntry;
import io.brickwork.agent.mount.MountTable;
import io.brickwork.agent.mount.Mounter;
import io.brickwork.agent.mount.Unmounter;
import io.brickwork.agent.report.MountProber;
import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The volume's mount answers after its volume switched transport under it: a FUSE client started
 * before the switch keeps speaking the old one and gets only "transport endpoint is not
 * connected", so it is detached lazily ({@code umount -l}: processes holding it keep what they
 * hold) and mounted again from its /etc/fstab line.
 *
 * <p>Idempotency: a mount that answers a stat is left alone, so a second run only reads. Another
 * filesystem on the mount point is refused.
 */
public final class RemountStep implements Step {
    private final String source;
    private final Path mountPoint;
    private final MountTable mountTable;
    private final MountProber prober;
    private final Unmounter unmounter;
    private final Mounter mounter;
    private final StepContext context;
    private boolean mounted;

    public RemountStep(String source, Path mountPoint, MountTable mountTable, MountProber prober, Unmounter unmounter,
            Mounter mounter, StepContext context) {
        this.source = requireNonNull(source, "source is null");
        this.mountPoint = requireNonNull(mountPoint, "mountPoint is null");
        this.mountTable = requireNonNull(mountTable, "mountTable is null");
        this.prober = requireNonNull(prober, "prober is null");
        this.unmounter = requireNonNull(unmounter, "unmounter is null");
        this.mounter = requireNonNull(mounter, "mounter is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws IOException, InterruptedException {
        Optional<MountEntry> entry = mountTable.at(mountPoint);
        mounted = entry.isPresent();
        if (entry.isEmpty()) {
            return Check.needs("mount " + source + " on " + mountPoint);
        }
        if (!ours(entry.get())) {
            return Check.refused(entry.get() + " is mounted on " + mountPoint + ", not " + source);
        }
        Optional<String> trouble = trouble();
        return trouble.isEmpty() ? Check.inSync(source + " is mounted on " + mountPoint + " and answers")
                : Check.needs("detach " + mountPoint + " (" + trouble.get() + ") and mount " + source + " there again");
    }

    private Optional<String> trouble() throws InterruptedException {
        Map<Path, MountProber.Outcome> outcomes = prober.probe(List.of(mountPoint));
        MountProber.Outcome outcome = outcomes.get(mountPoint);
        if (outcome instanceof MountProber.Outcome.Answered) {
            return Optional.empty();
        }
        return Optional.of(outcome instanceof MountProber.Outcome.Failed failed ? failed.reason() : "it hangs");
    }

    @Override
    public void apply() throws CommandException, IOException, StepFailedException, InterruptedException {
        if (mounted) {
            unmounter.unmount(mountPoint, true, context.commandTimeout());
        }
        mounter.mount(mountPoint, context.commandTimeout());
    }

    /** Until the new FUSE client shows up in the mount table and answers. */
    @Override
    public Check verify() throws CommandException, IOException, InterruptedException {
        Optional<MountEntry> entry = context.poll(() -> mountTable.at(mountPoint),
                found -> found.isPresent() && ours(found.get()));
        if (entry.isEmpty() || !ours(entry.get())) {
            return Check.needs("the kernel shows no mount of " + source + " on " + mountPoint);
        }
        Optional<String> trouble = trouble();
        return trouble.isEmpty() ? Check.inSync(source + " is mounted on " + mountPoint + " again and answers")
                : Check.needs(mountPoint + " does not answer after the remount: " + trouble.get());
    }

    private boolean ours(MountEntry entry) {
        return entry.isGlusterfs() && entry.source().equals(source);
    }
}
