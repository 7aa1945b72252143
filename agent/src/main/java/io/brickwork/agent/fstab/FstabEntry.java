package io.brickwork.agent.fstab;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.files.OctalEscapes;

/** One fstab line's fields, unescaped. */
public record FstabEntry(String source, String mountPoint, String fsType, String options, int dump, int pass) {
    public FstabEntry {
        requireNonNull(source, "source is null");
        requireNonNull(mountPoint, "mountPoint is null");
        requireNonNull(fsType, "fsType is null");
        requireNonNull(options, "options is null");
    }

    /** A glusterfs line for {@code source} ("host:/volume"), never dumped or fsck'd. */
    public static FstabEntry glusterfs(String source, String mountPoint, String options) {
        return new FstabEntry(source, mountPoint, "glusterfs", options, 0, 0);
    }

    /** The line as we write it: single spaces, escaped fields, no terminator. */
    public String line() {
        return String.join(" ", OctalEscapes.escape(source), OctalEscapes.escape(mountPoint), fsType, options,
                Integer.toString(dump), Integer.toString(pass));
    }
}
