package io.brickwork.agent.services;

import io.brickwork.agent.system.CommandException;
import java.time.Duration;

/** The systemd manager itself, as far as unit files go. */
public interface SystemdManager {
    /** Whether systemd is PID 1 (sd_booted(3)); in containers and lab nodes it is not. */
    boolean systemdManaged();

    /** {@code systemctl daemon-reload}: unit files and drop-ins are read again. */
    void daemonReload(Duration timeout) throws CommandException;
}
