package io.brickwork.agent.actions;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.validation.Validation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How long actions may take, and where they may act.
 *
 * @param commandTimeout for one command, when the request's own deadline does not say less;
 *     also how long waits last for a request without a deadline
 * @param packageInstallTimeout for apt-get, which may download
 * @param pollInterval how often waits re-read state
 * @param brickRoots brick directories must be one of these or below one
 * @param mountRoots mount points (mounts, fstab lines, probes, describe) likewise
 * @param allowedPackages the only Debian packages EnsurePackages may install
 * @param restartUnmanagedGlusterd where systemd does not run glusterd, whether the agent may stop
 *     and start it itself (to restore a rebuilt node's identity)
 */
public record ActionSettings(Duration commandTimeout, Duration packageInstallTimeout, Duration pollInterval,
        List<Path> brickRoots, List<Path> mountRoots, List<String> allowedPackages,
        boolean restartUnmanagedGlusterd) {
    public ActionSettings {
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(packageInstallTimeout, "packageInstallTimeout");
        requirePositive(pollInterval, "pollInterval");
        brickRoots = roots(brickRoots, "brickRoots");
        mountRoots = roots(mountRoots, "mountRoots");
        allowedPackages = List.copyOf(requireNonNull(allowedPackages, "allowedPackages is null"));
    }

    /** glusterd is only restarted through systemd. */
    public ActionSettings(Duration commandTimeout, Duration packageInstallTimeout, Duration pollInterval,
            List<Path> brickRoots, List<Path> mountRoots, List<String> allowedPackages) {
        this(commandTimeout, packageInstallTimeout, pollInterval, brickRoots, mountRoots, allowedPackages, false);
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }

    /** AgentSettings reports bad roots to people; this is the last line for any other caller. */
    private static List<Path> roots(List<Path> roots, String name) {
        List<Path> copy = List.copyOf(requireNonNull(roots, name + " is null"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(name + " must name at least one directory");
        }
        for (Path root : copy) {
            Validation.absolutePathProblem(root.toString()).ifPresent(problem -> {
                throw new IllegalArgumentException(name + ": '" + root + "' " + problem);
            });
        }
        return copy;
    }
}
