package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.mount.MountTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/** Idempotency: the file is written only when it does not already hold exactly the content. */
public final class WriteProbeStep implements Step {
    private final ProbeFile probe;
    private final byte[] content;
    private final MountTable mountTable;

    public WriteProbeStep(Path mountPoint, String fileName, byte[] content, MountTable mountTable) {
        this.probe = new ProbeFile(mountPoint, fileName);
        this.content = requireNonNull(content, "content is null").clone();
        this.mountTable = requireNonNull(mountTable, "mountTable is null");
    }

    @Override
    public Check check() throws IOException {
        Optional<String> refusal = probe.refusal(mountTable);
        if (refusal.isPresent()) {
            return Check.refused(refusal.get());
        }
        return holdsContent() ? Check.inSync(probe.path() + " already holds the probe content")
                : Check.needs("write " + content.length + " bytes to " + probe.path());
    }

    /**
     * Synced, so that another node reading it next sees what the volume has, not our page cache.
     * NOFOLLOW closes the gap between check and apply in which a link could be planted.
     */
    @Override
    public void apply() throws IOException {
        try (FileChannel channel = FileChannel.open(probe.path(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    @Override
    public Check verify() throws IOException {
        return check();
    }

    private boolean holdsContent() throws IOException {
        Optional<byte[]> current = probe.read();
        return current.isPresent() && Arrays.equals(current.get(), content);
    }
}
