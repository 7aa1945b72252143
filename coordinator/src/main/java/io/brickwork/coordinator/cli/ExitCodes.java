package io.brickwork.coordinator.cli;

/** What the CLI's exit status means; scripts and cron depend on these. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A step failed or was refused, the coordinator was unreachable, or a check failed. */
    public static final int FAILED = 1;
    /** The input (spec, flags) is invalid; nothing was sent anywhere. */
    public static final int BAD_INPUT = 2;
    /** status: degraded (a brick offline, heals pending, a node or mount missing). */
    public static final int UNHEALTHY = 3;
    /** status: failed (quorum lost, split-brain). */
    public static final int FAILED_HEALTH = 4;

    private ExitCodes() {}
}
