package io.brickwork.agent.packages;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.CommandResult;
import io.brickwork.agent.system.CommandRunner;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link Packages} with dpkg-query and apt-get. */
public final class AptPackages implements Packages {
    /** dpkg-query exits 1 when some name matches no package; the others are still listed. */
    private static final int SOME_NOT_FOUND = 1;
    /** apt-get must never stop at a debconf question: nobody is there to answer. */
    private static final Map<String, String> NONINTERACTIVE = Map.of("DEBIAN_FRONTEND", "noninteractive");

    private final CommandRunner runner;

    @Inject
    public AptPackages(CommandRunner runner) {
        this.runner = requireNonNull(runner, "runner is null");
    }

    @Override
    public Set<String> installed(List<String> names, Duration timeout) throws CommandException {
        List<String> argv = new ArrayList<>(List.of("dpkg-query", "-W", "-f=${Package} ${db:Status-Status}\\n"));
        argv.addAll(names);
        CommandResult result = runner.run(argv, timeout);
        if (!result.ok() && result.exitCode() != SOME_NOT_FOUND) {
            throw new CommandFailedException(result);
        }
        Set<String> installed = new HashSet<>();
        for (String line : result.stdout().split("\n")) {
            String[] fields = line.strip().split(" ");
            // Removed-but-configured packages report "config-files", known-but-absent ones "not-installed".
            if (fields.length == 2 && fields[1].equals("installed") && names.contains(fields[0])) {
                installed.add(fields[0]);
            }
        }
        return installed;
    }

    @Override
    public void refreshLists(Duration timeout) throws CommandException {
        require(runner.run(List.of("apt-get", "update", "-q"), NONINTERACTIVE, timeout));
    }

    @Override
    public void install(List<String> names, Duration timeout) throws CommandException {
        List<String> argv = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
        argv.addAll(names);
        require(runner.run(argv, NONINTERACTIVE, timeout));
    }

    private static void require(CommandResult result) throws CommandFailedException {
        if (!result.ok()) {
            throw new CommandFailedException(result);
        }
    }
}
