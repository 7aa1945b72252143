package io.brickwork.agent.gluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dump {@code gluster get-state} writes: {@code key: value} lines under
 * {@code [Section]} headers, such as {@code Volume1.Brick2.status: Started}. glusterd gives a
 * brick a status and a port only when this node holds it (glusterd_get_state compares the
 * brick's owner with its own UUID), so the bricks with a status are exactly this node's.
 */
final class GlusterStateDump {
    private static final Pattern VOLUME_KEY = Pattern.compile("Volume(\\d+)\\.(name|status)");
    private static final Pattern BRICK_KEY = Pattern.compile("Volume(\\d+)\\.Brick(\\d+)\\.(path|hostname|port|status)");
    /** glusterd's names for a volume's and a brick's states (gf_volume_status_str, gf_brick_status_str). */
    private static final String STARTED = "Started";

    private GlusterStateDump() {}

    /**
     * This node's bricks of every started volume, in the dump's order. A brick is online when
     * glusterd says "Started", which it does while the brick process is connected to it. The
     * pid is not in the dump: -1 here.
     */
    static List<BrickStatus> localBricks(String dump) throws GlusterXml.MalformedException {
        Map<Integer, Map<String, String>> volumes = new TreeMap<>();
        Map<Integer, Map<Integer, Map<String, String>>> bricks = new TreeMap<>();
        for (String line : dump.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 2).strip();
            Matcher brick = BRICK_KEY.matcher(key);
            if (brick.matches()) {
                bricks.computeIfAbsent(Integer.parseInt(brick.group(1)), v -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(brick.group(2)), b -> new TreeMap<>())
                        .put(brick.group(3), value);
                continue;
            }
            Matcher volume = VOLUME_KEY.matcher(key);
            if (volume.matches()) {
                volumes.computeIfAbsent(Integer.parseInt(volume.group(1)), v -> new TreeMap<>())
                        .put(volume.group(2), value);
            }
        }
        List<BrickStatus> local = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, String>> volume : volumes.entrySet()) {
            String name = volume.getValue().get("name");
            if (name == null || name.isEmpty()) {
                throw new GlusterXml.MalformedException("Volume" + volume.getKey() + " has no name");
            }
            if (!STARTED.equals(volume.getValue().get("status"))) {
                continue;
            }
            for (Map.Entry<Integer, Map<String, String>> brick : bricks.getOrDefault(volume.getKey(), Map.of())
                    .entrySet()) {
                Map<String, String> fields = brick.getValue();
                if (!fields.containsKey("status")) {
                    continue; // another node's brick
                }
                String where = "Volume" + volume.getKey() + ".Brick" + brick.getKey();
                String host = fields.get("hostname");
                String path = fields.get("path");
                if (host == null || host.isEmpty() || path == null || !path.startsWith(host + ":/")) {
                    throw new GlusterXml.MalformedException(where + " is not host:/path: " + fields);
                }
                boolean online = STARTED.equals(fields.get("status"));
                local.add(new BrickStatus(name, host, path.substring(host.length() + 1), online,
                        online ? port(where, fields.get("port")) : 0, -1));
            }
        }
        return local;
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
