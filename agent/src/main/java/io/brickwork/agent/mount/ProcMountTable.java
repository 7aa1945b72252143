package io.brickwork.agent.mount;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.files.OctalEscapes;
import io.brickwork.agent.system.SystemPaths;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads /proc/self/mountinfo (not /etc/mtab or mount(8) output: it is the kernel's own view,
 * per mount namespace, with unambiguous escaping).
 */
public final class ProcMountTable implements MountTable {
    private final Path mountinfo;

    @Inject
    public ProcMountTable(SystemPaths paths) {
        this.mountinfo = requireNonNull(paths, "paths is null").mountinfo();
    }

    @Override
    public List<MountEntry> mounts() throws IOException {
        return parse(Files.readString(mountinfo));
    }

    /**
     * Fields: id, parent, major:minor, root, mount point, options, optional fields..., "-",
     * fs type, source, super options (proc(5)).
     */
    public static List<MountEntry> parse(String mountinfo) {
        List<MountEntry> entries = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            String[] fields = line.split(" ");
            int separator = List.of(fields).indexOf("-");
            if (fields.length < 5 || separator < 5 || separator + 2 >= fields.length) {
                continue;
            }
            entries.add(new MountEntry(Path.of(OctalEscapes.unescape(fields[4])), fields[separator + 1],
                    OctalEscapes.unescape(fields[separator + 2])));
        }
        return entries;
    }
}
