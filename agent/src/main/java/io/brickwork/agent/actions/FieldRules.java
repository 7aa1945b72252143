package io.brickwork.agent.actions;

import io.brickwork.common.validation.Validation;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The agent's own input rules, stricter than the shared {@link Validation} where a root process
 * needs it: bounded lengths, ASCII-only paths (no look-alikes), IPv6 literals that really parse.
 * Each returns the problem in words, or empty when the value is fine.
 */
final class FieldRules {
    /** Far above any real brick or mount path, far below PATH_MAX. */
    static final int MAX_PATH = 1024;
    static final int MAX_PATH_COMPONENT = 255;
    static final int MAX_ID = 128;
    static final int MAX_REQUESTED_BY = 256;
    static final int MAX_MOUNT_OPTIONS = 1024;
    static final int MAX_ITEMS = 1024;
    static final int MAX_OPTION_VALUE = 4096;
    private static final int MAX_IPV6 = 45;

    /** POSIX portable file name characters: what a brick or mount path needs, and nothing that looks alike. */
    private static final Pattern PATH_COMPONENT = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern IPV4_WILDCARD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){0,2}(\\.\\*)+");
    private static final Pattern OPTION_KEY = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private FieldRules() {}

    /** Absolute, normalized, not /, ASCII portable characters, bounded. */
    static Optional<String> path(String value) {
        if (value.length() > MAX_PATH) {
            return Optional.of("must be at most " + MAX_PATH + " characters");
        }
        // Before Validation.absolutePath: Path.of would throw on characters the JVM's locale cannot map.
        if (value.startsWith("/")) {
            for (String component : value.substring(1).split("/", -1)) {
                if (component.length() > MAX_PATH_COMPONENT) {
                    return Optional.of("has a component longer than " + MAX_PATH_COMPONENT + " characters");
                }
                if (!component.isEmpty() && !PATH_COMPONENT.matcher(component).matches()) {
                    return Optional.of("may only contain A-Z a-z 0-9 . _ - and /");
                }
            }
        }
        return Validation.absolutePath(value);
    }

    /** A literal IPv4 or IPv6 address that really parses (the shared rule accepts ":::::"). */
    static Optional<String> address(String value) {
        if (!value.contains(":")) {
            return Validation.address(value);
        }
        if (value.length() > MAX_IPV6 || !IPV6_CHARS.matcher(value).matches()) {
            return Optional.of("is not an IPv4 or IPv6 address");
        }
        try {
            // Brackets make the JDK parse a literal or fail; it never asks DNS for one.
            InetAddress.getByName("[" + value + "]");
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("is not an IPv4 or IPv6 address");
        }
    }

    static Optional<String> hostOrAddress(String value) {
        if (address(value).isEmpty() || Validation.hostname(value).isEmpty()) {
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
        return Validation.mountOptions(value);
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

    /**
     * auth.allow: comma-separated IPv4/IPv6 addresses, IPv4 wildcards with trailing stars
     * (10.0.0.*, 10.0.*.*) and host names. A bare "*" (everyone, gluster's default) is not
     * accepted: setting it through Brickwork would silently open the volume.
     */
    static Optional<String> authAllow(String value) {
        Optional<String> basic = optionValue(value);
        if (basic.isPresent()) {
            return basic;
        }
        for (String item : value.split(",", -1)) {
            if (item.isEmpty()) {
                return Optional.of("has an empty item");
            }
            if (!addressPattern(item)) {
                return Optional.of("item '" + item + "' is not an IP address, an IPv4 wildcard like 10.0.0.* "
                        + "or a host name");
            }
        }
        return Optional.empty();
    }

    private static boolean addressPattern(String item) {
        if (address(item).isEmpty()) {
            return true;
        }
        if (IPV4_WILDCARD.matcher(item).matches()) {
            String[] parts = item.split("\\.");
            if (parts.length != 4) {
                return false;
            }
            for (String part : parts) {
                if (!part.equals("*") && Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        // RFC 1123 section 2.1: a name's last label is never all digits, so 10.0.0.256 is a typo, not a host.
        String lastLabel = item.substring(item.lastIndexOf('.') + 1);
        return Validation.hostname(item).isEmpty() && !DIGITS.matcher(lastLabel).matches();
    }
}
