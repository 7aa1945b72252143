package io.brickwork.common.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The input rules shared by the spec validator (coordinator) and the action
 * validator (agent). The agent checks again what the coordinator already
 * checked: it is root and does not trust its caller's validation.
 *
 * <p>Each {@code ...Problem} check returns the problem in words, or empty when the value is fine,
 * so callers can collect every problem instead of stopping at the first.
 */
public final class Validation {
    /** Volume, cluster and node names: what gluster and the shell-free argv accept without surprises. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final int MAX_NAME_LENGTH = 64;
    /** RFC 1123 host name label. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    /** Linux user and group names (useradd's default rule), or a numeric id. */
    private static final Pattern ACCOUNT = Pattern.compile("[a-z_][a-z0-9_-]{0,31}\\$?|\\d{1,10}");
    private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]+");
    /** fstab mount options: no whitespace (fstab field separator), no '#'. */
    private static final Pattern MOUNT_OPTIONS = Pattern.compile("[A-Za-z0-9_.,=:/@+-]+");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern OCTET = Pattern.compile("25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d");
    private static final int MAX_IPV6 = 45;
    public static final int MAX_PATH = 1024;
    public static final int MAX_PATH_COMPONENT = 255;
    public static final int MAX_AUTH_ALLOW = 4096;
    /** gluster's auth.allow for "any host". */
    public static final String ANY_HOST = "*";

    private Validation() {}

    public static Optional<String> nameProblem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            return Optional.of("must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (!NAME.matcher(value).matches()) {
            return Optional.of("must match " + NAME.pattern());
        }
        return Optional.empty();
    }

    /** An RFC 1123 host name (letters, digits, hyphens; dot-separated labels). */
    public static Optional<String> hostnameProblem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (value.length() > 253) {
            return Optional.of("must be at most 253 characters");
        }
        for (String label : value.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("is not an RFC 1123 host name");
            }
        }
        return Optional.empty();
    }

    /**
     * A literal IPv4 or IPv6 address; names are not accepted (no DNS at validation time). IPv6
     * must really parse ({@code :::::} does not): the JDK parses a bracketed literal or fails,
     * and never asks DNS for one.
     */
    public static Optional<String> addressProblem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (IPV4.matcher(value).matches()) {
            return Optional.empty();
        }
        if (value.contains(":") && value.length() <= MAX_IPV6 && IPV6.matcher(value).matches()) {
            try {
                InetAddress.getByName("[" + value + "]");
                return Optional.empty();
            } catch (UnknownHostException e) {
                return Optional.of("is not an IPv4 or IPv6 address");
            }
        }
        return Optional.of("is not an IPv4 or IPv6 address");
    }

    /**
     * One entry of gluster's auth.allow: an IP address, an IPv4 prefix wildcard (10.0.0.*,
     * 10.0.*.*, 10.*.*.*) or a host name whose last label is not all digits (RFC 1123 2.1:
     * 10.0.0.256 is a mistyped address, not a name). "*" (any host) is a list-level choice.
     */
    public static Optional<String> authAllowEntryProblem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (value.chars().anyMatch(c -> c == ',' || Character.isWhitespace(c))) {
            return Optional.of("must not contain spaces or ',', which gluster reads as separators: list each entry on its own");
        }
        if (addressProblem(value).isEmpty() || isIpv4Wildcard(value)) {
            return Optional.empty();
        }
        String lastLabel = value.substring(value.lastIndexOf('.') + 1);
        boolean numeric = !lastLabel.isEmpty() && lastLabel.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!numeric && hostnameProblem(value).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("is not an IP address, an IPv4 wildcard such as 10.0.0.* or a host name");
    }

    /** auth.allow as gluster takes it: entries joined by commas, or "*" alone for any host. */
    public static Optional<String> authAllowListProblem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (value.length() > MAX_AUTH_ALLOW) {
            return Optional.of("must be at most " + MAX_AUTH_ALLOW + " characters");
        }
        if (value.equals(ANY_HOST)) {
            return Optional.empty();
        }
        for (String entry : value.split(",", -1)) {
            Optional<String> problem = entry.equals(ANY_HOST)
                    ? Optional.of("\"*\" admits any host and must be the only entry")
                    : authAllowEntryProblem(entry).map(p -> "entry '" + entry + "' " + p);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static boolean isIpv4Wildcard(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4 || !OCTET.matcher(parts[0]).matches()) {
            return false;
        }
        int firstWildcard = 1;
        while (firstWildcard < parts.length && OCTET.matcher(parts[firstWildcard]).matches()) {
            firstWildcard++;
        }
        for (int i = firstWildcard; i < parts.length; i++) {
            if (!parts[i].equals("*")) {
                return false;
            }
        }
        return firstWildcard < parts.length;
    }

    /** Absolute, normalized (no '.', '..', '//' or trailing '/'), and not the root itself. */
    public static Optional<String> absolutePathProblem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (!value.startsWith("/")) {
            return Optional.of("must be an absolute path");
        }
        if (value.equals("/")) {
            return Optional.of("must not be /");
        }
        if (value.length() > MAX_PATH) {
            return Optional.of("must be at most " + MAX_PATH + " characters");
        }
        // Before Path.of: the JVM turns paths into bytes in the locale's encoding, which is ASCII
        // for a service started without LANG, and any other character then fails.
        if (value.chars().anyMatch(c -> c > 0x7f)) {
            return Optional.of("must be ASCII: agents pass paths to the system in their locale's encoding, which may be ASCII");
        }
        for (String component : value.substring(1).split("/", -1)) {
            if (component.length() > MAX_PATH_COMPONENT) {
                return Optional.of("has a component longer than " + MAX_PATH_COMPONENT + " characters");
            }
            if (!component.isEmpty() && !PATH_COMPONENT.matcher(component).matches()) {
                return Optional.of("may only contain A-Z a-z 0-9 . _ - and /");
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isWhitespace(c) || c == '#' || c == '\\') {
                return Optional.of("must not contain whitespace, control characters, '#' or '\\'");
            }
        }
        String normalized = Path.of(value).normalize().toString();
        if (!normalized.equals(value) || value.contains("/./") || value.endsWith("/.")) {
            return Optional.of("must be normalized (did you mean " + normalized + "?)");
        }
        for (String part : value.substring(1).split("/")) {
            if (part.equals("..") || part.equals(".")) {
                return Optional.of("must not contain '.' or '..'");
            }
        }
        return Optional.empty();
    }

    public static Optional<String> accountProblem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (!ACCOUNT.matcher(value).matches()) {
            return Optional.of("is not a user/group name or numeric id");
        }
        return Optional.empty();
    }

    public static Optional<String> debianPackageProblem(String value) {
        if (value == null || !PACKAGE.matcher(value).matches()) {
            return Optional.of("is not a Debian package name");
        }
        return Optional.empty();
    }

    public static Optional<String> mountOptionsProblem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (!MOUNT_OPTIONS.matcher(value).matches()) {
            return Optional.of("must be comma-separated options without spaces or '#'");
        }
        return Optional.empty();
    }

    /** A file name inside a directory: one path component, no separators. */
    public static Optional<String> fileNameProblem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (value.equals(".") || value.equals("..") || value.contains("/") || value.contains("\0")) {
            return Optional.of("must be a single path component");
        }
        return nameProblem(value.startsWith(".") ? value.substring(1) : value);
    }
}
