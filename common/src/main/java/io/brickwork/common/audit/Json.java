package io.brickwork.common.audit;

import java.util.Map;

/** Just enough JSON for audit lines: string, number and boolean fields, and embedded JSON. */
public final class Json {
    private Json() {}

    /** A JSON object from fields in order; values are String, Number, Boolean, or {@link Raw}. */
    public static String object(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, field.getKey());
            out.append(':');
            Object value = field.getValue();
            if (value == null) {
                out.append("null");
            } else if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else if (value instanceof Raw raw) {
                out.append(raw.json());
            } else {
                quote(out, value.toString());
            }
        }
        return out.append('}').toString();
    }

    /** Already-serialized JSON (e.g. from protobuf's JsonFormat), embedded as is. */
    public record Raw(String json) {}

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
