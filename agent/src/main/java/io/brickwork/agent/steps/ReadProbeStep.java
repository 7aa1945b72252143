package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.mount.MountTable;
import io.brickwork.agent.system.CommandException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Idempotency: only reads, so any number of runs change nothing. Replication is asynchronous
 * from this node's point of view, so it waits until the content shows up or the time is up.
 */
public final class ReadProbeStep implements Step {
    private final ProbeFile probe;
    private final byte[] content;
    private final MountTable mountTable;
    /** The first pause before reading the probe again; pauses double up to the poll interval. */
    static final Duration FIRST_REREAD = Duration.ofMillis(10);

    private final StepContext context;

    public ReadProbeStep(Path mountPoint, String fileName, byte[] content, MountTable mountTable, StepContext context) {
        this.probe = new ProbeFile(mountPoint, fileName);
        this.content = requireNonNull(content, "content is null").clone();
        this.mountTable = requireNonNull(mountTable, "mountTable is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws CommandException, IOException, StepFailedException, InterruptedException {
        Optional<String> refusal = probe.refusal(mountTable);
        if (refusal.isPresent()) {
            return Check.refused(refusal.get());
        }
        // A replicated write is usually visible at once; the first re-reads come soon after.
        Optional<byte[]> seen = context.pollQuickly(probe::read, this::expected, FIRST_REREAD);
        if (expected(seen)) {
            return Check.inSync(probe.path() + " holds the probe content");
        }
        String last = seen.map(bytes -> bytes.length + " bytes, different").orElse("no file");
        throw new StepFailedException(probe.path() + " did not show the probe content (" + content.length
                + " bytes) in time; last seen: " + last);
    }

    private boolean expected(Optional<byte[]> seen) {
        return seen.isPresent() && Arrays.equals(seen.get(), content);
    }

    /** Never called: check either finds the content or fails. */
    @Override
    public void apply() {
    }

    @Override
    public Check verify() throws CommandException, IOException, StepFailedException, InterruptedException {
        return check();
    }
}
