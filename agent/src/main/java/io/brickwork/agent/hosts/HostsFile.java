package io.brickwork.agent.hosts;

import io.brickwork.agent.files.TextLines;
import io.brickwork.common.validation.Validation;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Edits /etc/hosts text so that each desired name resolves to its address on exactly one
 * line, and names of nodes that left the cluster resolve nowhere. Only names we manage are
 * ever removed: from lines that map them elsewhere (Debian's "127.0.1.1 node1") or repeat them,
 * and a departed node's name from every line; every other byte stays as it was, so a converged
 * file comes back identical. {@code localhost} (and names below it) is never mapped, moved or
 * removed, whatever is asked: it must keep meaning this machine.
 */
public final class HostsFile {
    /** A whitespace-separated field of a line, by position, so it can be cut out exactly. */
    private record Field(String text, int start, int end) {}

    public HostsEdit edit(String current, List<HostEntry> desired) {
        return edit(current, desired, List.of());
    }

    /** @param departed names to remove from every line; none of them may be in {@code desired} */
    public HostsEdit edit(String current, List<HostEntry> desired, List<String> departed) {
        Set<String> leaving = new HashSet<>();
        for (String name : departed) {
            if (!isLocalhost(name)) {
                leaving.add(key(name));
            }
        }
        Map<String, HostEntry> wanted = new LinkedHashMap<>();
        for (HostEntry entry : desired) {
            if (!isLocalhost(entry.name())) {
                wanted.put(key(entry.name()), entry);
            }
        }
        Set<String> placed = new HashSet<>();
        List<String> changes = new ArrayList<>();
        StringBuilder out = new StringBuilder(current.length());
        List<String> lines = TextLines.split(current);
        for (int i = 0; i < lines.size(); i++) {
            out.append(editLine(lines.get(i), i + 1, wanted, leaving, placed, changes));
        }
        String content = out.toString();
        for (HostEntry entry : wanted.values()) {
            if (!placed.contains(key(entry.name()))) {
                content = TextLines.terminated(content) + entry.address() + "\t" + entry.name() + "\n";
                changes.add("add " + entry.name() + " -> " + entry.address());
            }
        }
        return new HostsEdit(content, changes);
    }

    /** The line as it should be: unchanged, without some of our names, or gone (""). */
    private static String editLine(String line, int number, Map<String, HostEntry> wanted, Set<String> leaving,
            Set<String> placed, List<String> changes) {
        List<Field> fields = fields(line);
        if (fields.size() < 2) {
            return line;
        }
        String address = fields.get(0).text();
        List<Field> removed = new ArrayList<>();
        for (Field name : fields.subList(1, fields.size())) {
            if (leaving.contains(key(name.text()))) {
                removed.add(name);
                changes.add("remove departed " + name.text() + " -> " + address + " (line " + number + ")");
                continue;
            }
            HostEntry entry = wanted.get(key(name.text()));
            if (entry == null) {
                continue;
            }
            if (!sameAddress(address, entry.address())) {
                removed.add(name);
                changes.add("remove " + name.text() + " -> " + address + " (line " + number + ")");
            } else if (!placed.add(key(name.text()))) {
                removed.add(name);
                changes.add("remove duplicate " + name.text() + " -> " + address + " (line " + number + ")");
            }
        }
        if (removed.isEmpty()) {
            return line;
        }
        if (removed.size() == fields.size() - 1) {
            return "";
        }
        return cut(line, fields, removed);
    }

    /** Removes each field with the whitespace before it, right to left so positions stay valid. */
    private static String cut(String line, List<Field> fields, List<Field> removed) {
        StringBuilder out = new StringBuilder(line);
        for (int i = fields.size() - 1; i >= 1; i--) {
            if (removed.contains(fields.get(i))) {
                out.delete(fields.get(i - 1).end(), fields.get(i).end());
            }
        }
        return out.toString();
    }

    /** Fields before any comment; a line that is all comment or blank has none. */
    private static List<Field> fields(String line) {
        String body = TextLines.body(line);
        int hash = body.indexOf('#');
        String data = hash < 0 ? body : body.substring(0, hash);
        List<Field> fields = new ArrayList<>();
        int i = 0;
        while (i < data.length()) {
            while (i < data.length() && Character.isWhitespace(data.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < data.length() && !Character.isWhitespace(data.charAt(i))) {
                i++;
            }
            if (i > start) {
                fields.add(new Field(data.substring(start, i), start, i));
            }
        }
        return fields;
    }

    private static boolean isLocalhost(String name) {
        String key = key(name);
        return key.equals("localhost") || key.endsWith(".localhost");
    }

    /** Host names are case-insensitive for the resolver, so they are for us too. */
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** "::1" and "0:0:0:0:0:0:0:1" are the same address; literals only, nothing is resolved. */
    private static boolean sameAddress(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        if (Validation.addressProblem(a).isPresent() || Validation.addressProblem(b).isPresent()) {
            return false;
        }
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
