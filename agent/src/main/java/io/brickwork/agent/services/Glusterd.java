package io.brickwork.agent.services;

import io.brickwork.agent.system.CommandException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The glusterd service as the init system sees it. */
public interface Glusterd {
    /** systemd is PID 1 here; without it the agent never starts daemons itself. */
    boolean systemdManaged();

    boolean enabled(Duration timeout) throws CommandException;

    boolean active(Duration timeout) throws CommandException;

    /**
     * glusterd accepts connections on the socket its CLI talks to: its process is alive and
     * listening. Weaker than a CLI answer, and costs nothing; false also when it cannot tell.
     */
    boolean listening();

    /**
     * glusterd certainly is not listening: its socket is missing, or refuses the connection as
     * the socket file of a dead glusterd does. False when it cannot tell.
     */
    boolean refusing();

    /** Enables glusterd at boot and starts it now. */
    void enableNow(Duration timeout) throws CommandException;

    /**
     * Whether this agent may stop and start glusterd: under systemd, or without it only where the
     * settings let the agent run glusterd itself (the lab's namespaces).
     */
    boolean restartable();

    /** Stops glusterd and returns once it has exited; its brick processes keep running. */
    void stop(Duration timeout) throws CommandException, InterruptedException;

    /** Starts glusterd; it answers its CLI shortly after. */
    void start(Duration timeout) throws CommandException;

    /** When the glusterd running now started (by its pid file); empty when none runs, or it cannot tell. */
    Optional<Instant> startedAt();
}
