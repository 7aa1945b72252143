package io.brickwork.agent.actions;

import io.brickwork.agent.gluster.GlusterdIdentity;
import io.brickwork.common.validation.Validation;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The agent's own input rules, stricter than the shared {@link Validation} where a root process
 * needs it: bounded lengths, ASCII-only paths (no look-alikes), IPv6 literals that really parse.
 * Each returns the problem in words, or empty when the value is fine.
 */
final class FieldRules {
    /** Far above any real brick or mount path, far below PATH_MAX. */
    static final int MAX_ID = 128;
    static final int MAX_REQUESTED_BY = 256;
    static final int MAX_MOUNT_OPTIONS = 1024;
    static final int MAX_ITEMS = 1024;
    static final int MAX_OPTION_VALUE = 4096;

    /** POSIX portable file name characters: what a brick or mount path needs, and nothing that looks alike. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final Pattern OPTION_KEY = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

    private FieldRules() {}

    /** Absolute, normalized, not /, ASCII portable characters, bounded (the shared rule). */
    static Optional<String> path(String value) {
        return Validation.absolutePathProblem(value);
    }

    static Optional<String> address(String value) {
        return Validation.addressProblem(value);
    }

    static Optional<String> hostOrAddress(String value) {
        if (address(value).isEmpty() || Validation.hostnameProblem(value).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("is neither a host name nor an IP address");
    }

    /** The coordinator's ids are UUIDs; anything printable and short enough to echo back is fine. */
    static Optional<String> id(String value) {
        if (value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (value.length() > MAX_ID) {
            return Optional.of("must be at most " + MAX_ID + " characters");
        }
        return ID.matcher(value).matches() ? Optional.empty() : Optional.of("must match " + ID.pattern());
    }

    /** glusterd's UUIDs: lower-case 8-4-4-4-12, the form glusterd.info and peer files hold. */
    static Optional<String> glusterdUuid(String value) {
        return GlusterdIdentity.UUID.matcher(value).matches() ? Optional.empty()
                : Optional.of("is not a glusterd UUID (lower-case 8-4-4-4-12 hex)");
    }

    /** Only recorded, never interpreted; printable ASCII keeps the audit log readable. May be empty. */
    static Optional<String> requestedBy(String value) {
        if (value.length() > MAX_REQUESTED_BY) {
            return Optional.of("must be at most " + MAX_REQUESTED_BY + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return Optional.of("must be printable ASCII without spaces");
            }
        }
        return Optional.empty();
    }

    static Optional<String> mountOptions(String value) {
        if (value.length() > MAX_MOUNT_OPTIONS) {
            return Optional.of("must be at most " + MAX_MOUNT_OPTIONS + " characters");
        }
        return Validation.mountOptionsProblem(value);
    }

    /** What a gluster option key looks like; whether the agent manages it is another question. */
    static Optional<String> optionKey(String value) {
        return OPTION_KEY.matcher(value).matches() ? Optional.empty()
                : Optional.of("is not a gluster option key (" + OPTION_KEY.pattern() + ")");
    }

    /** A value for an option the agent does not manage is never used, but must still not be garbage. */
    static Optional<String> optionValue(String value) {
        if (value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (value.length() > MAX_OPTION_VALUE) {
            return Optional.of("must be at most " + MAX_OPTION_VALUE + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return Optional.of("must be printable ASCII without spaces");
            }
        }
        return Optional.empty();
    }

    /** auth.allow: the shared rule, which also takes "*" alone (the spec's explicit "any host"). */
    static Optional<String> authAllow(String value) {
        Optional<String> basic = optionValue(value);
        return basic.isPresent() ? basic : Validation.authAllowListProblem(value);
    }
}
