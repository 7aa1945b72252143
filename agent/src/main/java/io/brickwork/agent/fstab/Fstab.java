package io.brickwork.agent.fstab;

import io.brickwork.agent.files.OctalEscapes;
import io.brickwork.agent.files.TextLines;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits /etc/fstab text so that it has exactly one line for a glusterfs mount point. Lines of
 * ours (glusterfs, same volume) are replaced by the desired line at the position of the first
 * and repeats are removed (the seed procedure appends with {@code >>}, so reruns duplicate it).
 * Any other line for that mount point is an operator's: we refuse rather than guess. Every
 * other line stays byte for byte.
 */
public final class Fstab {
    public FstabEdit edit(String current, FstabEntry desired) throws FstabConflictException {
        String volumeSuffix = ":/" + volumeOf(desired.source());
        List<String> changes = new ArrayList<>();
        StringBuilder out = new StringBuilder(current.length());
        boolean placed = false;
        List<String> lines = TextLines.split(current);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String body = TextLines.body(line);
            List<String> fields = fields(body);
            if (fields.size() < 2 || !OctalEscapes.unescape(fields.get(1)).equals(desired.mountPoint())) {
                out.append(line);
                continue;
            }
            boolean ours = fields.size() >= 3 && fields.get(2).equals(desired.fsType())
                    && OctalEscapes.unescape(fields.get(0)).endsWith(volumeSuffix);
            if (!ours) {
                throw new FstabConflictException(desired.mountPoint(), i + 1, body);
            }
            if (placed) {
                changes.add("remove duplicate line " + (i + 1) + ": " + body);
            } else if (sameFields(fields, desired)) {
                out.append(line);
            } else {
                out.append(desired.line()).append(line.endsWith("\n") ? "\n" : "");
                changes.add("replace line " + (i + 1) + ": " + body + " -> " + desired.line());
            }
            placed = true;
        }
        String content = out.toString();
        if (!placed) {
            content = TextLines.terminated(content) + desired.line() + "\n";
            changes.add("add " + desired.line());
        }
        return new FstabEdit(content, changes);
    }

    /**
     * The same text without our lines for the mount point (glusterfs, same volume); any other
     * line for it, an operator's, stays with every other line, byte for byte.
     */
    public FstabEdit remove(String current, String source, String mountPoint) {
        String volumeSuffix = ":/" + volumeOf(source);
        List<String> changes = new ArrayList<>();
        StringBuilder out = new StringBuilder(current.length());
        List<String> lines = TextLines.split(current);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String body = TextLines.body(line);
            List<String> fields = fields(body);
            boolean ours = fields.size() >= 3 && OctalEscapes.unescape(fields.get(1)).equals(mountPoint)
                    && fields.get(2).equals("glusterfs") && OctalEscapes.unescape(fields.get(0)).endsWith(volumeSuffix);
            if (ours) {
                changes.add("remove line " + (i + 1) + ": " + body);
            } else {
                out.append(line);
            }
        }
        return new FstabEdit(out.toString(), changes);
    }

    private static String volumeOf(String source) {
        int separator = source.lastIndexOf(":/");
        if (separator < 0) {
            throw new IllegalArgumentException("source '" + source + "' is not host:/volume");
        }
        return source.substring(separator + 2);
    }

    private static boolean sameFields(List<String> fields, FstabEntry desired) {
        return fields.size() <= 6
                && OctalEscapes.unescape(fields.get(0)).equals(desired.source())
                && fields.size() >= 4 && fields.get(3).equals(desired.options())
                && field(fields, 4).equals(Integer.toString(desired.dump()))
                && field(fields, 5).equals(Integer.toString(desired.pass()));
    }

    /** dump and pass may be left out; they then mean 0. */
    private static String field(List<String> fields, int index) {
        return index < fields.size() ? fields.get(index) : "0";
    }

    /** Whitespace-separated fields; a comment line (first non-blank is '#') has none. */
    private static List<String> fields(String body) {
        String trimmed = body.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return List.of();
        }
        return List.of(trimmed.split("\\s+"));
    }
}
