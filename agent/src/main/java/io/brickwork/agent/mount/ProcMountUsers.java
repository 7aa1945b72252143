package io.brickwork.agent.mount;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.files.OctalEscapes;
import io.brickwork.agent.system.SystemPaths;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds the processes using a mount by its device number, as fuser(1) -m does: the mount's
 * major:minor from /proc/self/mountinfo, then per process in /proc its working directory, root,
 * executable, open files (each stat'ed through its /proc link) and mapped files (maps lists their
 * device). Device numbers, not paths: a path names different things in different mount
 * namespaces, a FUSE mount's device is its own.
 */
public final class ProcMountUsers implements MountUsers {
    private final Path mountinfo;
    private final Path proc;

    @Inject
    public ProcMountUsers(SystemPaths paths) {
        this(requireNonNull(paths, "paths is null").mountinfo(), Path.of("/proc"));
    }

    public ProcMountUsers(Path mountinfo, Path proc) {
        this.mountinfo = requireNonNull(mountinfo, "mountinfo is null");
        this.proc = requireNonNull(proc, "proc is null");
    }

    @Override
    public List<MountUser> of(Path mountPoint) throws IOException {
        OptionalLong device = device(Files.readString(mountinfo), mountPoint);
        if (device.isEmpty()) {
            return List.of();
        }
        List<MountUser> users = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, entry ->
                entry.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path process : processes) {
                if (uses(process, device.getAsLong())) {
                    users.add(new MountUser(Long.parseLong(process.getFileName().toString()), command(process)));
                }
            }
        }
        users.sort((a, b) -> Long.compare(a.pid(), b.pid()));
        return users;
    }

    /** The device of the topmost mount on {@code mountPoint}, as stat(2) reports it (glibc's makedev). */
    static OptionalLong device(String mountinfo, Path mountPoint) {
        OptionalLong device = OptionalLong.empty();
        for (String line : mountinfo.split("\n")) {
            String[] fields = line.split(" ");
            if (fields.length < 5 || !Path.of(OctalEscapes.unescape(fields[4])).equals(mountPoint)) {
                continue;
            }
            String[] numbers = fields[2].split(":");
            if (numbers.length == 2) {
                device = OptionalLong.of(makedev(Long.parseLong(numbers[0]), Long.parseLong(numbers[1])));
            }
        }
        return device;
    }

    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12)
                | (minor & 0xffL);
    }

    /** A process that ends while it is read uses nothing. */
    private boolean uses(Path process, long device) {
        for (String link : List.of("cwd", "root", "exe")) {
            if (deviceOf(process.resolve(link)).equals(Optional.of(device))) {
                return true;
            }
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                if (deviceOf(fd).equals(Optional.of(device))) {
                    return true;
                }
            }
        } catch (IOException e) {
            // Gone, or a kernel thread: no open files to hold the mount.
        }
        try {
            for (String line : Files.readAllLines(process.resolve("maps"))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length >= 6 && fields[3].contains(":")) {
                    String[] numbers = fields[3].split(":");
                    if (makedev(Long.parseLong(numbers[0], 16), Long.parseLong(numbers[1], 16)) == device) {
                        return true;
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Gone, or unreadable: its open files and directories were looked at above.
        }
        return false;
    }

    private static Optional<Long> deviceOf(Path link) {
        try {
            return Optional.of((Long) Files.getAttribute(link, "unix:dev"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static String command(Path process) {
        try {
            return Files.readString(process.resolve("comm")).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
