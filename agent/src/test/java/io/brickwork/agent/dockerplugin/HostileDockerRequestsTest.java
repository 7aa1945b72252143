package io.brickwork.agent.dockerplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand and more requests that must all be refused, against a node whose volume is
 * mounted and healthy (so a missed check would create something): hostile names, option keys
 * and values, mount ids, bodies that are not the JSON Docker sends. Every answer must carry an
 * error that says what was wrong, and afterwards nothing on the volume or its owners changed.
 */
class HostileDockerRequestsTest {
    private static final int REQUESTS = 12_000;
    private static final List<String> METACHARACTERS = List.of(";", "|", "&", "$", "`", "<", ">", "(", ")", "{", "}",
            "'", "\"", "\\", "\n", "\r", "\t", " ", "\0", "$(reboot)", "`id`", "; rm -rf /", "&& curl x|sh", "\u202e",
            "\u200b", "\ufeff", "\u00a0", "\u2028", "\ud83d\ude00", "/", "\u2215", "*", "?", "~", "%00");
    private static final List<String> BAD_NAMES = List.of("..", ".", "/", "/etc", "../etc", "a/../../etc", "./x",
            ".brickwork", "-rf", "_x", ".hidden", "--help", "", "x".repeat(65), "\u0430pp", "app\0", "app/x", "app\\x",
            "~root", "*", "app name");
    private static final List<String> ENDPOINTS = List.of("/VolumeDriver.Create", "/VolumeDriver.Mount",
            "/VolumeDriver.Remove", "/VolumeDriver.Path", "/VolumeDriver.Get", "/VolumeDriver.Unmount");
    private static final List<String> BAD_BODIES = List.of("[", "{", "null", "[]", "\"Name\"", "{\"Name\":1}",
            "{\"Name\":[\"a\"]}", "{\"Name\":{\"x\":1}}", "{\"Name\":\"app\"}{\"Name\":\"x\"}", "{Name:'app'}",
            "{\"Name\":\"app\",\"Opts\":[]}", "{\"Name\":\"app\",\"Opts\":\"volume=x\"}",
            "{\"Name\":\"app\",\"Opts\":{\"uid\":5984}}", "{\"Name\":\"app\",\"Opts\":{\"uid\":null}}",
            "[".repeat(5000), "{\"a\":".repeat(3000), "\u0000", "{\"Name\":\"app\",}");

    private final Random random = new Random(16);

    @Test
    void everyHostileRequestIsRefusedWithAReasonAndNothingIsCreated() {
        DriverFixture node = new DriverFixture().mounted();
        List<Path> before = node.directories.paths();
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Request request = hostile();
            JsonObject answer = node.call(request.endpoint(), request.body());
            String err = DriverFixture.err(answer);
            if (!err.startsWith("brickwork on node2: ") || err.length() < "brickwork on node2: ".length() + 10) {
                misses.add(request + " -> " + answer);
            }
        }
        assertEquals(List.of(), misses.subList(0, Math.min(10, misses.size())), misses.size() + " not refused");
        assertEquals(before, node.directories.paths());
        assertEquals(List.of(), node.directories.changes());
        assertEquals(List.of(), node.ownership.changes());
    }

    @Test
    void errorsNameTheProblemAndQuoteHostileTextEscaped() {
        DriverFixture node = new DriverFixture().mounted();
        String err = DriverFixture.err(node.call("/VolumeDriver.Create", body("app\n$(reboot)", null)));
        assertTrue(err.contains("volume name 'app\\u000a$(reboot)' must match"), err);
        JsonObject options = new JsonObject();
        options.addProperty("quota", "99999PiB");
        options.addProperty("mode", "4755");
        options.addProperty("volume", "../etc");
        err = DriverFixture.err(node.call("/VolumeDriver.Create", body("app", options)));
        assertTrue(err.contains("option volume='../etc': must match") && err.contains("option mode='4755'")
                && err.contains("option quota='99999PiB'"), err);
        assertEquals(List.of(), node.directories.changes());
    }

    private record Request(String endpoint, String body) {
        @Override
        public String toString() {
            return endpoint + " " + Printable.of(body);
        }
    }

    private Request hostile() {
        String endpoint = pick(ENDPOINTS);
        return switch (random.nextInt(6)) {
            case 0 -> new Request(endpoint, pick(BAD_BODIES));
            case 1 -> new Request(pick(List.of("/VolumeDriver.Create/../x", "/../../etc/passwd", "/", "",
                    "/VolumeDriver.Update", "/Plugin.Deactivate", "/VolumeDriver.create", "/VolumeDriver.Create?x=1",
                    "/VolumeDriver.Create " + pick(METACHARACTERS))), "{\"Name\":\"app\"}");
            case 2 -> new Request("/VolumeDriver.Create", body("app", badOptions()));
            case 3 -> new Request(pick(List.of("/VolumeDriver.Mount", "/VolumeDriver.Unmount")),
                    "{\"Name\":\"app\",\"ID\":" + new JsonPrimitive(badId()) + "}");
            default -> new Request(endpoint, body(badName(), null));
        };
    }

    private String body(String name, JsonObject options) {
        JsonObject body = new JsonObject();
        body.addProperty("Name", name);
        body.addProperty("ID", "abc");
        if (options != null) {
            body.add("Opts", options);
        }
        return body.toString();
    }

    private JsonObject badOptions() {
        JsonObject options = new JsonObject();
        switch (random.nextInt(7)) {
            case 0 -> options.addProperty(pick(List.of("volume ", "Volume", "path", "source", "type", "o", "device",
                    "", "uid;", "quota\0")), "x");
            case 1 -> options.addProperty("volume", pick(List.of("../etc", "/", "/etc", "..", "staging-gfs/..",
                    "staging-gfs;reboot", "", "x".repeat(65), "nosuch", "\u0455taging-gfs")) + maybeMeta());
            case 2 -> options.addProperty(pick(List.of("uid", "gid")), pick(List.of("-1", "4294967295", "2147483647",
                    "root", "0x10", "1e3", "", " 1", "1 ", "99999999999", "\u0661")) + maybeMeta());
            case 3 -> options.addProperty("mode", pick(List.of("4755", "6777", "0888", "777777", "-1", "rwx", "",
                    "0x1ff", "07777", "0o755")) + maybeMeta());
            case 4 -> options.addProperty("quota", pick(List.of("0", "1", "1023KiB", "99999PiB", "-1GiB", "10 GiB",
                    "10GiBx", "1e9", "", "9223372036854775807", "2PiB", "1048576TiB")) + maybeMeta());
            case 5 -> {
                for (int k = 0; k < 17; k++) {
                    options.addProperty("k" + k, "v");
                }
            }
            default -> options.addProperty("volume", "staging-gfs" + pick(METACHARACTERS));
        }
        return options;
    }

    private String maybeMeta() {
        return random.nextBoolean() ? "" : pick(METACHARACTERS);
    }

    private String badName() {
        return switch (random.nextInt(3)) {
            case 0 -> pick(BAD_NAMES);
            case 1 -> {
                String valid = "couchdb";
                int at = random.nextInt(valid.length() + 1);
                yield valid.substring(0, at) + pick(METACHARACTERS) + valid.substring(at);
            }
            default -> pick(METACHARACTERS) + "app";
        };
    }

    private String badId() {
        return pick(List.of("", "../x", "a/b", "a b", "x".repeat(129), "abc\0", "\u0430bc", "abc;reboot", "."));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
