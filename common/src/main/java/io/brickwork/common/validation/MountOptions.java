package io.brickwork.common.validation;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The glusterfs mount options a spec may give, checked by the coordinator and again by the agent.
 * mount.glusterfs runs as root and turns several options into files it writes or servers it
 * trusts ({@code log-file}, {@code dump-fuse}, {@code volfile-server}), so only an allowlist
 * passes, each value checked. Brickwork's mounts always carry {@code nosuid,nodev}: a volume
 * every container may write to must not bring setuid-root programs or device files to the host.
 */
public final class MountOptions {
    /** Always on a Brickwork mount, whatever the spec says. */
    public static final List<String> ALWAYS = List.of("nosuid", "nodev");

    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,6}(\\.\\d{1,3})?");
    private static final Pattern SYSTEMD_TIME = Pattern.compile("\\d{1,6}(ms|s|min)?|infinity");
    private static final Pattern SYSTEMD_UNIT = Pattern.compile("[A-Za-z0-9:_.@-]{1,128}\\.(service|target|mount|socket)");
    private static final Set<String> BOOLEAN = Set.of("yes", "no", "true", "false", "on", "off", "enable", "disable");

    /** Options without a value. */
    private static final Set<String> FLAGS = Set.of("defaults", "_netdev", "auto", "noauto", "nofail", "ro", "rw",
            "exec", "noexec", "nosuid", "nodev", "atime", "noatime", "relatime", "norelatime", "diratime",
            "nodiratime", "acl", "enable-ino32", "resolve-gids", "fopen-keep-cache", "auto_unmount",
            "x-systemd.automount");

    /** Options with a value, and what the value must be (empty when fine). */
    private static final Map<String, Function<String, String>> VALUED = valued();

    /** Options that are known and never allowed, with the reason. */
    private static final Map<String, String> REFUSED = refused();

    private MountOptions() {}

    private static Map<String, Function<String, String>> valued() {
        Map<String, Function<String, String>> rules = new LinkedHashMap<>();
        rules.put("log-level", oneOf(Set.of("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG", "TRACE", "NONE")));
        for (String key : List.of("attribute-timeout", "entry-timeout", "negative-timeout", "gid-timeout")) {
            rules.put(key, matching(SECONDS, "a number of seconds"));
        }
        for (String key : List.of("fetch-attempts", "lru-limit", "invalidate-limit", "background-qlen",
                "congestion-threshold", "reader-thread-count", "attr-times-granularity")) {
            rules.put(key, matching(NUMBER, "a whole number"));
        }
        rules.put("direct-io-mode", oneOf(Set.of("enable", "disable")));
        rules.put("transport", oneOf(Set.of("tcp")));
        for (String key : List.of("use-readdirp", "kernel-writeback-cache", "auto-invalidation", "fopen-keep-cache")) {
            rules.put(key, oneOf(BOOLEAN));
        }
        for (String key : List.of("x-systemd.requires", "x-systemd.after", "x-systemd.before", "x-systemd.wants")) {
            rules.put(key, matching(SYSTEMD_UNIT, "a systemd unit name (name.service, .target, .mount or .socket)"));
        }
        for (String key : List.of("x-systemd.mount-timeout", "x-systemd.device-timeout", "x-systemd.idle-timeout")) {
            rules.put(key, matching(SYSTEMD_TIME, "a time such as 30s or 2min"));
        }
        return Map.copyOf(rules);
    }

    private static Map<String, String> refused() {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("log-file", "makes the client (root) write its log to any file it names");
        reasons.put("dump-fuse", "makes the client (root) write all fuse traffic to any file it names");
        for (String key : List.of("volfile-server", "backupvolfile-server", "volfile-server-port", "server-port",
                "volfile-server-transport", "volfile-check", "volume-name", "volume-id", "subdir-mount")) {
            reasons.put(key, "changes where the volume's definition comes from or what is mounted; Brickwork mounts"
                    + " its volume from localhost and names other servers in backup-volfile-servers");
        }
        reasons.put("fuse-mountopts", "passes kernel mount options around these rules");
        reasons.put("xlator-option", "changes the client's translators");
        reasons.put("suid", "lets the volume carry setuid programs to the host; Brickwork mounts with nosuid");
        reasons.put("dev", "lets the volume carry device files to the host; Brickwork mounts with nodev");
        reasons.put("user", "lets users other than root mount it");
        reasons.put("users", "lets users other than root mount and unmount it");
        return Map.copyOf(reasons);
    }

    /**
     * Every problem with {@code options} (comma-separated, already free of spaces and '#'), each
     * naming its key; empty when they may be used.
     *
     * @param knownHost whether a host of {@code backup-volfile-servers} may serve the volume
     */
    public static List<String> problems(String options, Predicate<String> knownHost) {
        requireNonNull(options, "options is null");
        requireNonNull(knownHost, "knownHost is null");
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String option : options.split(",", -1)) {
            int equals = option.indexOf('=');
            String key = equals < 0 ? option : option.substring(0, equals);
            String value = equals < 0 ? null : option.substring(equals + 1);
            if (key.isEmpty()) {
                problems.add("an empty option (two commas, or one at an end)");
                continue;
            }
            if (!seen.add(key)) {
                problems.add(key + " is given more than once");
                continue;
            }
            String refusal = REFUSED.get(key);
            if (refusal != null) {
                problems.add(key + " is not allowed: it " + refusal);
            } else if (key.equals("backup-volfile-servers")) {
                backupServers(value, knownHost, problems);
            } else if (value == null && FLAGS.contains(key)) {
                continue;
            } else if (value != null && VALUED.containsKey(key)) {
                String problem = VALUED.get(key).apply(value);
                if (!problem.isEmpty()) {
                    problems.add(key + "=" + value + ": the value must be " + problem);
                }
            } else if (FLAGS.contains(key)) {
                problems.add(key + " takes no value");
            } else if (VALUED.containsKey(key)) {
                problems.add(key + " needs a value (" + key + "=...)");
            } else {
                problems.add(key + " is not an option Brickwork allows; allowed: " + allowed());
            }
        }
        return problems;
    }

    /** {@code options} with {@link #ALWAYS} appended where missing. */
    public static String hardened(String options) {
        requireNonNull(options, "options is null");
        Set<String> present = Set.of(options.split(","));
        StringBuilder out = new StringBuilder(options);
        for (String option : ALWAYS) {
            if (!present.contains(option)) {
                out.append(out.length() == 0 ? "" : ",").append(option);
            }
        }
        return out.toString();
    }

    /** The allowed keys, sorted, for messages. */
    public static String allowed() {
        Set<String> keys = new TreeSet<>(FLAGS);
        keys.addAll(VALUED.keySet());
        keys.add("backup-volfile-servers");
        return String.join(", ", keys);
    }

    /** Gluster separates the servers with ':', so each is a host name or an IPv4 address. */
    private static void backupServers(String value, Predicate<String> knownHost, List<String> problems) {
        if (value == null || value.isEmpty()) {
            problems.add("backup-volfile-servers needs a value (host1:host2)");
            return;
        }
        for (String host : value.split(":", -1)) {
            if (Validation.hostnameProblem(host).isPresent() && Validation.addressProblem(host).isPresent()) {
                problems.add("backup-volfile-servers: '" + host + "' is not a host name or IPv4 address");
            } else if (!knownHost.test(host)) {
                problems.add("backup-volfile-servers: '" + host + "' is not a node of the cluster");
            }
        }
    }

    private static Function<String, String> oneOf(Set<String> values) {
        return value -> values.contains(value) ? "" : "one of " + new TreeSet<>(values);
    }

    private static Function<String, String> matching(Pattern pattern, String what) {
        return value -> pattern.matcher(value).matches() ? "" : what;
    }
}
