package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.packages.Packages;
import io.brickwork.agent.system.CommandException;
import java.util.List;
import java.util.Set;

/**
 * Idempotency: apt-get runs only for packages dpkg does not report as installed, so once all
 * are installed a run only queries dpkg.
 */
public final class PackagesStep implements Step {
    private final List<String> names;
    private final Packages packages;
    private final StepContext context;
    private List<String> missing = List.of();

    public PackagesStep(List<String> names, Packages packages, StepContext context) {
        this.names = List.copyOf(names);
        this.packages = requireNonNull(packages, "packages is null");
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Check check() throws CommandException {
        missing = missing();
        if (missing.isEmpty()) {
            return Check.inSync("installed: " + String.join(", ", names));
        }
        return Check.needs(missing.stream().map(name -> "install " + name).toList());
    }

    @Override
    public void apply() throws CommandException {
        packages.refreshLists(context.packageInstallTimeout());
        packages.install(missing, context.packageInstallTimeout());
    }

    @Override
    public Check verify() throws CommandException {
        return check();
    }

    private List<String> missing() throws CommandException {
        Set<String> installed = packages.installed(names, context.commandTimeout());
        return names.stream().filter(name -> !installed.contains(name)).toList();
    }
}
