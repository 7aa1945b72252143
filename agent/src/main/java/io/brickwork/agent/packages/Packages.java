package io.brickwork.agent.packages;

import io.brickwork.agent.system.CommandException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Debian packages on this node. */
public interface Packages {
    /** Those of {@code names} that are installed (unknown names are simply not installed). */
    Set<String> installed(List<String> names, Duration timeout) throws CommandException;

    /** Refreshes the package lists: a fresh machine or container image may have none. */
    void refreshLists(Duration timeout) throws CommandException;

    /** Installs without prompts and without recommended extras. */
    void install(List<String> names, Duration timeout) throws CommandException;
}
