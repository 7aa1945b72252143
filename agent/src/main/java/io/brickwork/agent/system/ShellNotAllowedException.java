package io.brickwork.agent.system;

import java.util.List;

/**
 * Someone tried to run a shell (or env, which can start one). The agent runs programs with
 * argv lists only; a shell would turn a request's text into code. A programming error, never
 * a request's fault: requests cannot choose programs.
 */
public final class ShellNotAllowedException extends IllegalArgumentException {
    public ShellNotAllowedException(List<String> argv) {
        super("refusing to run a shell: " + argv.get(0) + " (the agent runs programs with argv lists only)");
    }
}
