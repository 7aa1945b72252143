package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.mount.MountTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Idempotency: a missing probe file is the goal, so a second run finds nothing to remove. */
public final class RemoveProbeStep implements Step {
    private final ProbeFile probe;
    private final MountTable mountTable;

    public RemoveProbeStep(Path mountPoint, String fileName, MountTable mountTable) {
        this.probe = new ProbeFile(mountPoint, fileName);
        this.mountTable = requireNonNull(mountTable, "mountTable is null");
    }

    @Override
    public Check check() throws IOException {
        Optional<String> refusal = probe.refusal(mountTable);
        if (refusal.isPresent()) {
            return Check.refused(refusal.get());
        }
        if (!probe.exists()) {
            return Check.inSync("no " + probe.path());
        }
        return Check.needs("remove " + probe.path());
    }

    @Override
    public void apply() throws IOException {
        Files.deleteIfExists(probe.path());
    }

    @Override
    public Check verify() throws IOException {
        return check();
    }
}
