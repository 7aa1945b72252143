package io.brickwork.common.validation;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for an application directory on a volume ({@code volumes[].directories}): the same
 * in the spec and on the agent, which checks every request again.
 */
public final class DirectoryRules {
    private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern MODE = Pattern.compile("[0-7]{3,4}");
    /** Deep enough for any application layout, short enough to walk link by link. */
    public static final int MAX_DEPTH = 16;
    /** Everything chmod(2) takes: permission bits plus setuid, setgid and sticky. */
    public static final int MAX_MODE = 07777;
    /** A directory quota below this is a typo, not a limit (gluster would take a few bytes). */
    public static final long MIN_QUOTA_BYTES = 1L << 20;
    /** ... and one above this a typo too: no volume Brickwork builds comes near a pebibyte. */
    public static final long MAX_QUOTA_BYTES = 1L << 50;

    private DirectoryRules() {}

    private static final Pattern SIZE = Pattern.compile("(\\d{1,16})(|B|KiB|MiB|GiB|TiB|KB|MB|GB|TB|K|M|G|T)");

    /**
     * A quota as people write it ("10GiB", "500M"; every unit a power of 1024), in bytes; empty
     * when it is not one or lies outside 1 MiB to 1 PiB.
     */
    public static Optional<Long> quotaBytes(String text) {
        java.util.regex.Matcher size = SIZE.matcher(text);
        if (!size.matches()) {
            return Optional.empty();
        }
        long number = Long.parseLong(size.group(1));
        int shift = switch (size.group(2)) {
            case "K", "KB", "KiB" -> 10;
            case "M", "MB", "MiB" -> 20;
            case "G", "GB", "GiB" -> 30;
            case "T", "TB", "TiB" -> 40;
            default -> 0;
        };
        if (number > (MAX_QUOTA_BYTES >> shift) || (number << shift) < MIN_QUOTA_BYTES) {
            return Optional.empty();
        }
        return Optional.of(number << shift);
    }

    /** A directory quota's limit in bytes: from 1 MiB to 1 PiB. */
    public static Optional<String> quotaProblem(long bytes) {
        if (bytes < MIN_QUOTA_BYTES || bytes > MAX_QUOTA_BYTES) {
            return Optional.of("must be from 1MiB (" + MIN_QUOTA_BYTES + " bytes) to 1PiB (" + MAX_QUOTA_BYTES
                    + " bytes)");
        }
        return Optional.empty();
    }

    /**
     * Relative to the mount, normalized: no leading '/', no '.' or '..', no empty segment (so
     * no '//' and no trailing '/'), only {@code A-Z a-z 0-9 . _ -} in a segment.
     */
    public static Optional<String> relativePathProblem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (value.startsWith("/")) {
            return Optional.of("must be relative to the volume's mount (no leading '/')");
        }
        if (value.length() > Validation.MAX_PATH) {
            return Optional.of("must be at most " + Validation.MAX_PATH + " characters");
        }
        String[] segments = value.split("/", -1);
        if (segments.length > MAX_DEPTH) {
            return Optional.of("has " + segments.length + " segments; at most " + MAX_DEPTH);
        }
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return Optional.of("must not have empty segments ('//' or a trailing '/')");
            }
            if (segment.equals("..")) {
                return Optional.of("must not contain '..': it would leave the volume");
            }
            if (segment.equals(".")) {
                return Optional.of("must not contain '.' segments");
            }
            if (segment.length() > Validation.MAX_PATH_COMPONENT) {
                return Optional.of("has a segment longer than " + Validation.MAX_PATH_COMPONENT + " characters");
            }
            if (!COMPONENT.matcher(segment).matches()) {
                return Optional.of("may only contain A-Z a-z 0-9 . _ - and /");
            }
        }
        return Optional.empty();
    }

    /** An octal mode as chmod writes it, "750" or "0750", at most 07777. */
    public static Optional<String> modeProblem(String value) {
        if (value == null || !MODE.matcher(value).matches()) {
            return Optional.of("must be an octal mode such as \"0750\" (3 or 4 digits 0-7)");
        }
        return Optional.empty();
    }

    /** The mode's bits; only for a value {@link #mode} accepted. */
    public static int modeBits(String value) {
        int bits = Integer.parseInt(value, 8);
        if (bits > MAX_MODE) {
            throw new IllegalArgumentException("mode " + value + " is above 07777");
        }
        return bits;
    }

    /** Four digits with a leading zero, the form the spec stores. */
    public static String canonicalMode(int bits) {
        return String.format("%04o", bits);
    }
}
