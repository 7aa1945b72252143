package io.brickwork.agent.actions;

import io.brickwork.proto.agent.v1.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects problems in the one format the coordinator shows to people. */
final class Problems {
    private static final int MAX_SHOWN = 80;
    private final List<Problem> list = new ArrayList<>();

    /** @return whether the value is fine, so callers can go on to checks that need a well-formed value */
    boolean check(String field, String value, Optional<String> problem) {
        problem.ifPresent(text -> list.add(new Problem(Refusal.REFUSAL_INVALID_ARGUMENT,
                "field " + field + ": value '" + shown(value) + "' " + text)));
        return problem.isEmpty();
    }

    void add(String field, String problem) {
        list.add(new Problem(Refusal.REFUSAL_INVALID_ARGUMENT, "field " + field + ": " + problem));
    }

    void deny(String field, String value, Optional<String> problem) {
        problem.ifPresent(text -> list.add(new Problem(Refusal.REFUSAL_PERMISSION_DENIED,
                "field " + field + ": value '" + shown(value) + "' " + text)));
    }

    /** @return whether the count is acceptable */
    boolean count(String field, int count, boolean mayBeEmpty) {
        if (count == 0 && !mayBeEmpty) {
            add(field, "must not be empty");
            return false;
        }
        if (count > FieldRules.MAX_ITEMS) {
            add(field, count + " items is more than " + FieldRules.MAX_ITEMS);
            return false;
        }
        return true;
    }

    List<Problem> list() {
        return List.copyOf(list);
    }

    /**
     * Control and non-ASCII characters escaped (a Cyrillic 'а' must not pass for an 'a' in the
     * message) and long values cut, so one bad value cannot garble or flood the message.
     */
    static String shown(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            if (out.length() >= MAX_SHOWN) {
                return out + "... (" + value.length() + " characters)";
            }
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else if (c > 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
