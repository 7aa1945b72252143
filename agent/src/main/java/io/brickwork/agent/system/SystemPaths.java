package io.brickwork.agent.system;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * The system files the agent reads or edits, in one place so tests can point them at a
 * temporary directory.
 *
 * @param systemdRuntime exists only when systemd is PID 1 (what sd_booted(3) checks)
 * @param glusterdSocket where glusterd listens for its CLI (glusterd.vol's default listen path)
 */
public record SystemPaths(Path hosts, Path fstab, Path mountinfo, Path systemdRuntime, Path glusterdSocket) {
    public SystemPaths {
        requireNonNull(hosts, "hosts is null");
        requireNonNull(fstab, "fstab is null");
        requireNonNull(mountinfo, "mountinfo is null");
        requireNonNull(systemdRuntime, "systemdRuntime is null");
        requireNonNull(glusterdSocket, "glusterdSocket is null");
    }

    public static SystemPaths standard() {
        return new SystemPaths(Path.of("/etc/hosts"), Path.of("/etc/fstab"), Path.of("/proc/self/mountinfo"),
                Path.of("/run/systemd/system"), Path.of("/run/glusterd.socket"));
    }
}
