package io.brickwork.agent.dockerplugin;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Who answers one call from dockerd: the driver with its result, or the server with an error
 * when the call's time is up, whichever claims it first. A mount that finishes after dockerd was
 * told it failed must not leave its container's mount record behind (dockerd never unmounts what
 * it was told failed, and the record would refuse every later remove), so the driver claims the
 * answer before it hands out a mount and undoes the record when it is too late.
 */
final class PendingCall {
    private enum State { RUNNING, ANSWERED_BY_DRIVER, ABANDONED }

    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);

    /** A call nobody abandons (in-process callers and tests). */
    static PendingCall unbounded() {
        return new PendingCall();
    }

    /** The driver's side: true when its answer is the one dockerd gets. */
    boolean claimByDriver() {
        return state.compareAndSet(State.RUNNING, State.ANSWERED_BY_DRIVER)
                || state.get() == State.ANSWERED_BY_DRIVER;
    }

    /** The server's side, when the call's time is up: true when the driver's answer will be dropped. */
    boolean abandon() {
        return state.compareAndSet(State.RUNNING, State.ABANDONED) || state.get() == State.ABANDONED;
    }

    boolean abandoned() {
        return state.get() == State.ABANDONED;
    }
}
