package io.brickwork.agent.actions;

import java.util.List;
import java.util.Random;

/**
 * Values that a field must refuse, built from a valid one: shell metacharacters, control
 * characters, look-alike letters, overlong runs, '..'. Every value returned is invalid for the
 * field it is made for; HostileRequestsTest relies on that to tell a missed check from noise.
 */
final class HostileValues {
    /** None of these is in any field's allowed alphabet (requested_by is printable ASCII: see requestedBy). */
    static final List<String> METACHARACTERS = List.of(";", "|", "&", "$", "`", "<", ">", "(", ")", "{", "}", "'",
            "\"", "\\", "\n", "\r", "\t", " ", "\0", "$(reboot)", "`id`", "; rm -rf /", "&& curl x|sh", "\u202e",
            "\u200b", "\ufeff", "\u00a0", "\u0085", "\u2028", "\ud83d\ude00", "\u0000x");
    /** Look-alikes of ASCII letters and signs: Cyrillic, Greek, fullwidth, hyphen and slash alikes. */
    private static final String[][] LOOK_ALIKES = {{"a", "\u0430"}, {"e", "\u0435"}, {"o", "\u043e"},
            {"i", "\u0456"}, {"c", "\u0441"}, {"p", "\u0440"}, {"s", "\u0455"}, {"n", "\u0578"}, {"/", "\u2215"},
            {".", "\uff0e"}, {"-", "\u2010"}, {"1", "\uff11"}, {"0", "\u039f"}, {"l", "\u04cf"}};
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Random random;

    HostileValues(Random random) {
        this.random = random;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** A metacharacter or sequence at a random place in the value. */
    String inject(String valid) {
        int at = random.nextInt(valid.length() + 1);
        return valid.substring(0, at) + pick(METACHARACTERS) + valid.substring(at);
    }

    /** One character swapped for a look-alike; appended when the value has none to swap. */
    String lookAlike(String valid) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String[] pair = LOOK_ALIKES[random.nextInt(LOOK_ALIKES.length)];
            int at = valid.indexOf(pair[0]);
            if (at >= 0) {
                return valid.substring(0, at) + pair[1] + valid.substring(at + 1);
            }
        }
        return valid + "\u0430";
    }

    /** A run of ordinary letters between min and 5000 (or a little more than min) long. */
    String overlong(int min) {
        StringBuilder out = new StringBuilder();
        int length = between(min, Math.max(5000, min + 100));
        while (out.length() < length) {
            out.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return out.toString();
    }

    /** Anything a generic text field must refuse. */
    String corrupt(String valid, int maxLength) {
        return switch (random.nextInt(4)) {
            case 0 -> inject(valid);
            case 1 -> lookAlike(valid);
            case 2 -> overlong(maxLength + 1);
            default -> "";
        };
    }

    String name(String valid) {
        return random.nextInt(6) == 0 ? pick(List.of("..", ".", "-rf", "_x", ".hidden", "--help")) : corrupt(valid, 64);
    }

    /** Neither a host name nor an address, so refused wherever either is accepted. */
    String host(String valid) {
        return switch (random.nextInt(6)) {
            case 0 -> pick(List.of("-oProxyCommand=x", "node_1", "node1.", ".node1", "node..1", "-node1", "[::1]",
                    "::1%eth0", "1::2::3", ":::::", "node1:22", "node1/x"));
            case 1 -> overlong(64);
            default -> corrupt(valid, 253);
        };
    }

    /** Not a literal IPv4 or IPv6 address. */
    String address(String valid) {
        return random.nextBoolean() ? pick(List.of("10.0.0.256", "10.0.0", "1::2::3", ":::::", "::::::::::::::",
                "0x7f.0.0.1", "localhost", "10.0.0.1.", "010.0.0.1a", "::1%lo", "1:2:3:4:5:6:7:8:9", "\u0661.0.0.1",
                "1.1.1.1 ")) : corrupt(valid, 45);
    }

    /** Malformed, or (when {@code mayEscape}) well-formed but outside the roots. */
    String path(String validInsideRoot, boolean mayEscape, List<String> outside) {
        if (mayEscape && random.nextInt(3) == 0) {
            return pick(outside);
        }
        return switch (random.nextInt(9)) {
            case 0 -> validInsideRoot + "/..";
            case 1 -> validInsideRoot + "/../../etc";
            case 2 -> validInsideRoot + "/";
            case 3 -> validInsideRoot.substring(1);
            case 4 -> validInsideRoot + "//x";
            case 5 -> validInsideRoot + "/./x";
            case 6 -> validInsideRoot + "/" + overlong(256);
            case 7 -> validInsideRoot + "/abcdefgh".repeat(between(115, 500));
            default -> corrupt(validInsideRoot, 1024);
        };
    }

    String fileName(String valid) {
        return random.nextInt(3) == 0 ? pick(List.of("..", ".", "../etc/passwd", "a/b", "/etc/passwd", "x\0",
                "..\u2215etc")) : corrupt(valid, 64);
    }

    /** Metacharacters go in front: a trailing '$' makes a valid (machine) account name. */
    String account(String valid) {
        return switch (random.nextInt(5)) {
            case 0 -> pick(List.of("Root", "-root", "root:root", "0x0", "12345678901", "root\n", "root$$", "$", ""));
            case 1 -> pick(METACHARACTERS) + valid;
            case 2 -> lookAlike(valid);
            default -> overlong(33);
        };
    }

    /** Printable ASCII is fine here (it is only recorded); these are not. */
    String requestedBy(String valid) {
        return switch (random.nextInt(4)) {
            case 0 -> overlong(257);
            case 1 -> valid + pick(List.of(" ", "\n{\"forged\":true}", "\0", "\u001b[2J", "\u202e", "\u00e9", "\t"));
            case 2 -> lookAlike(valid);
            default -> pick(List.of(" ", "admin user", "\u0430dmin"));
        };
    }

    String id(String valid) {
        return corrupt(valid, 128);
    }

    int mode() {
        return pick(List.of(0, 3, 99, -1, Integer.MAX_VALUE, Integer.MIN_VALUE));
    }
}
