package io.brickwork.agent.gluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dump {@code gluster get-state} writes: {@code key: value} lines under
 * {@code [Section]} headers, such as {@code Peer1.connected: Connected} or
 * {@code Volume1.Brick2.status: Started}. glusterd gives a brick a status and a port only when
 * this node holds it (glusterd_get_state compares the brick's owner with its own UUID), so the
 * bricks with a status are exactly this node's.
 */
final class GlusterStateDump {
    private static final Pattern PEER_KEY =
            Pattern.compile("Peer(\\d{1,9})\\.(primary_hostname|uuid|state|connected|othernames)");
    private static final Pattern VOLUME_KEY = Pattern.compile("Volume(\\d{1,9})\\.(name|status)");
    private static final Pattern BRICK_KEY =
            Pattern.compile("Volume(\\d{1,9})\\.Brick(\\d{1,9})\\.(path|hostname|port|status)");
    private static final Pattern BRICK_COUNT_KEY = Pattern.compile("Volume(\\d{1,9})\\.brickcount");
    /** The dump's last section: without it, the dump was cut short. */
    private static final String LAST_SECTION = "Misc";
    /** glusterd's names for a volume's and a brick's states (gf_volume_status_str, gf_brick_status_str). */
    private static final String STARTED = "Started";

    /** glusterd's word for a peer it has a connection with (the other is "Disconnected"). */
    private static final String CONNECTED = "Connected";
    private static final Pattern NAME_SEPARATORS = Pattern.compile("[,\\s]+");

    private GlusterStateDump() {}

    /**
     * Peers are read from the [Peers] section and volumes from [Volumes] only. glusterd prints
     * option values and descriptions as they were set, so a value holding a newline could
     * otherwise pass for a peer or a brick: a section or key that comes twice, a brick numbered
     * beyond its volume's brick count, or a dump without its last section (glusterd does not
     * check its writes: a full /run truncates it) is malformed, never half read.
     */
    static LocalGlusterd.State read(String dump) throws GlusterXml.MalformedException {
        Map<String, Map<String, String>> sections = sections(dump);
        if (!sections.containsKey(LAST_SECTION)) {
            throw new GlusterXml.MalformedException("the dump has no [" + LAST_SECTION + "] section: cut short");
        }
        return new LocalGlusterd.State(peers(sections.getOrDefault("Peers", Map.of())),
                localBricks(sections.getOrDefault("Volumes", Map.of())));
    }

    /** The other peers, in the dump's order, as {@code peer status} gives them. */
    private static List<Peer> peers(Map<String, String> fields) throws GlusterXml.MalformedException {
        List<Peer> result = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, String>> peer : byNumber(fields, PEER_KEY).entrySet()) {
            Map<String, String> values = peer.getValue();
            String uuid = values.getOrDefault("uuid", "");
            String hostname = values.getOrDefault("primary_hostname", "");
            if (uuid.isEmpty() || hostname.isEmpty()) {
                throw new GlusterXml.MalformedException("Peer" + peer.getKey() + " has no uuid or hostname: " + values);
            }
            List<String> hostnames = new ArrayList<>(List.of(hostname));
            for (String other : NAME_SEPARATORS.split(values.getOrDefault("othernames", ""))) {
                if (!other.isEmpty() && !hostnames.contains(other)) {
                    hostnames.add(other);
                }
            }
            result.add(new Peer(uuid, hostname, hostnames, CONNECTED.equals(values.get("connected")),
                    values.getOrDefault("state", "")));
        }
        return result;
    }

    /** The fields whose key {@code key} matches, by its number (group 1), each by its name (group 2). */
    private static Map<Integer, Map<String, String>> byNumber(Map<String, String> fields, Pattern key) {
        Map<Integer, Map<String, String>> numbered = new TreeMap<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            Matcher matcher = key.matcher(field.getKey());
            if (matcher.matches()) {
                numbered.computeIfAbsent(Integer.parseInt(matcher.group(1)), n -> new TreeMap<>())
                        .put(matcher.group(2), field.getValue());
            }
        }
        return numbered;
    }

    /** Every {@code key: value} line, by the {@code [Section]} it is in. */
    private static Map<String, Map<String, String>> sections(String dump) throws GlusterXml.MalformedException {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : dump.split("\n")) {
            if (line.startsWith("[") && line.strip().endsWith("]")) {
                String name = line.strip().substring(1, line.strip().length() - 1);
                if (sections.containsKey(name)) { // a value's newline would open [Peers] or [Misc] again
                    throw new GlusterXml.MalformedException("[" + name + "] appears twice");
                }
                fields = new LinkedHashMap<>();
                sections.put(name, fields);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            if (fields.putIfAbsent(key, line.substring(colon + 1).strip()) != null
                    && (PEER_KEY.matcher(key).matches() || VOLUME_KEY.matcher(key).matches()
                            || BRICK_KEY.matcher(key).matches() || BRICK_COUNT_KEY.matcher(key).matches())) {
                throw new GlusterXml.MalformedException(key + " appears twice");
            }
        }
        return sections;
    }

    /**
     * This node's bricks of every started volume, in the dump's order. A brick is online when
     * glusterd says "Started", which it does while the brick process is connected to it. The
     * pid is not in the dump: -1 here.
     */
    private static List<BrickStatus> localBricks(Map<String, String> fields) throws GlusterXml.MalformedException {
        Map<Integer, Map<String, String>> volumes = byNumber(fields, VOLUME_KEY);
        Map<Integer, Map<Integer, Map<String, String>>> bricks = new TreeMap<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            Matcher brick = BRICK_KEY.matcher(field.getKey());
            if (brick.matches()) {
                bricks.computeIfAbsent(Integer.parseInt(brick.group(1)), v -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(brick.group(2)), b -> new TreeMap<>())
                        .put(brick.group(3), field.getValue());
            }
        }
        List<BrickStatus> local = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, String>> volume : volumes.entrySet()) {
            String name = volume.getValue().get("name");
            if (name == null || name.isEmpty()) {
                throw new GlusterXml.MalformedException("Volume" + volume.getKey() + " has no name");
            }
            int brickCount = count("Volume" + volume.getKey() + ".brickcount", fields);
            if (bricks.getOrDefault(volume.getKey(), Map.of()).keySet().stream().anyMatch(n -> n > brickCount)) {
                throw new GlusterXml.MalformedException("Volume" + volume.getKey() + " lists a brick beyond its "
                        + brickCount);
            }
            if (!STARTED.equals(volume.getValue().get("status"))) {
                continue;
            }
            for (Map.Entry<Integer, Map<String, String>> brick : bricks.getOrDefault(volume.getKey(), Map.of())
                    .entrySet()) {
                Map<String, String> values = brick.getValue();
                if (!values.containsKey("status")) {
                    continue; // another node's brick
                }
                String where = "Volume" + volume.getKey() + ".Brick" + brick.getKey();
                String host = values.get("hostname");
                String path = values.get("path");
                if (host == null || host.isEmpty() || path == null || !path.startsWith(host + ":/")) {
                    throw new GlusterXml.MalformedException(where + " is not host:/path: " + values);
                }
                boolean online = STARTED.equals(values.get("status"));
                local.add(new BrickStatus(name, host, path.substring(host.length() + 1), online,
                        online ? port(where, values.get("port")) : 0, -1));
            }
        }
        return local;
    }

    private static int count(String key, Map<String, String> fields) throws GlusterXml.MalformedException {
        try {
            return Integer.parseInt(fields.getOrDefault(key, ""));
        } catch (NumberFormatException e) {
            throw new GlusterXml.MalformedException(key + " is not a number: " + fields.get(key), e);
        }
    }

    private static int port(String where, String text) throws GlusterXml.MalformedException {
        try {
            int port = Integer.parseInt(text == null ? "" : text);
            if (port < 0 || port > 65535) {
                throw new GlusterXml.MalformedException(where + ".port out of range: " + text);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new GlusterXml.MalformedException(where + ".port is not a number: " + text, e);
        }
    }
}
