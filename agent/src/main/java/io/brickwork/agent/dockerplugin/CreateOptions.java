package io.brickwork.agent.dockerplugin;

import io.brickwork.common.validation.DirectoryRules;
import io.brickwork.common.validation.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code -o KEY=VALUE} options of {@code docker volume create -d brickwork}, every one
 * optional. Values come from whoever can reach dockerd and end up in paths, ownership and mode
 * bits set by root, so each is checked against a narrow rule and anything else is refused.
 *
 * @param volume the Brickwork volume; empty: the node's only one
 * @param mode permission bits; setuid is never allowed on a directory shared by containers
 * @param deleteOnRemove {@code on-remove=delete}: remove deletes the data instead of keeping it in
 *     the trash
 */
public record CreateOptions(Optional<String> volume, int uid, int gid, int mode, OptionalLong quotaBytes,
        boolean deleteOnRemove) {
    static final Set<String> KEYS = Set.of("volume", "uid", "gid", "mode", "quota", "on-remove");
    static final String ON_REMOVE_TRASH = "trash";
    static final String ON_REMOVE_DELETE = "delete";
    static final int DEFAULT_MODE = 0755;
    /** Ids above this are the kernel's "no id" (-1) or nobody's in practice. */
    static final long MAX_ID = 0x7FFF_FFFEL;
    static final long MIN_QUOTA = DirectoryRules.MIN_QUOTA_BYTES;
    static final long MAX_QUOTA = DirectoryRules.MAX_QUOTA_BYTES;
    private static final Pattern ID = Pattern.compile("\\d{1,10}");
    private static final Pattern MODE = Pattern.compile("0?[0-3]?[0-7]{3}");
    private static final int MAX_VALUE_LENGTH = 64;

    public CreateOptions {
        volume.ifPresent(name -> Validation.nameProblem(name).ifPresent(p -> {
            throw new IllegalArgumentException("volume '" + name + "' " + p);
        }));
    }

    static CreateOptions defaults() {
        return new CreateOptions(Optional.empty(), 0, 0, DEFAULT_MODE, OptionalLong.empty(), false);
    }

    /** Every problem at once, so one refusal names them all. */
    static CreateOptions parse(Map<String, String> options) throws DockerVolumeRequestException {
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(options.keySet())) {
            if (!KEYS.contains(key)) {
                problems.add("unknown option '" + Printable.of(key) + "' (known: " + String.join(", ", new TreeSet<>(KEYS))
                        + ")");
            } else if (options.get(key) == null || options.get(key).length() > MAX_VALUE_LENGTH) {
                problems.add("option " + key + ": must be a value of at most " + MAX_VALUE_LENGTH + " characters");
            }
        }
        if (!problems.isEmpty()) {
            throw new DockerVolumeRequestException(String.join("; ", problems));
        }
        Optional<String> volume = Optional.ofNullable(options.get("volume"));
        volume.flatMap(Validation::nameProblem).ifPresent(p -> problems.add("option volume='"
                + Printable.of(volume.get()) + "': " + p));
        int uid = id(options, "uid", problems);
        int gid = id(options, "gid", problems);
        int mode = DEFAULT_MODE;
        String modeText = options.get("mode");
        if (modeText != null) {
            if (MODE.matcher(modeText).matches()) {
                mode = Integer.parseInt(modeText, 8);
            } else {
                problems.add("option mode='" + Printable.of(modeText) + "': must be octal permission bits such as 0750"
                        + " (setuid is not allowed)");
            }
        }
        OptionalLong quota = OptionalLong.empty();
        String quotaText = options.get("quota");
        if (quotaText != null) {
            quota = quota(quotaText, problems);
        }
        String onRemove = options.getOrDefault("on-remove", ON_REMOVE_TRASH);
        if (!onRemove.equals(ON_REMOVE_TRASH) && !onRemove.equals(ON_REMOVE_DELETE)) {
            problems.add("option on-remove='" + Printable.of(onRemove) + "': must be " + ON_REMOVE_TRASH
                    + " (keep the data in the trash on the volume) or " + ON_REMOVE_DELETE + " (delete it)");
        }
        if (!problems.isEmpty()) {
            throw new DockerVolumeRequestException(String.join("; ", problems));
        }
        return new CreateOptions(volume, uid, gid, mode, quota, onRemove.equals(ON_REMOVE_DELETE));
    }

    private static int id(Map<String, String> options, String key, List<String> problems) {
        String text = options.get(key);
        if (text == null) {
            return 0;
        }
        if (!ID.matcher(text).matches() || Long.parseLong(text) > MAX_ID) {
            problems.add("option " + key + "='" + Printable.of(text) + "': must be a numeric id from 0 to " + MAX_ID);
            return 0;
        }
        return (int) Long.parseLong(text);
    }

    private static OptionalLong quota(String text, List<String> problems) {
        Optional<Long> bytes = DirectoryRules.quotaBytes(text);
        if (bytes.isEmpty()) {
            problems.add("option quota='" + Printable.of(text) + "': must be a size from 1MiB to 1PiB such as 10GiB");
            return OptionalLong.empty();
        }
        return OptionalLong.of(bytes.get());
    }
}
