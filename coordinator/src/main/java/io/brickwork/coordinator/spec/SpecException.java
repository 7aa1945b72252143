package io.brickwork.coordinator.spec;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A spec that cannot be applied; carries every violation found, not only the first. */
public final class SpecException extends RuntimeException {
    private final String origin;
    private final List<Violation> violations;

    public SpecException(String origin, List<Violation> violations) {
        super(message(origin, violations));
        this.origin = origin;
        this.violations = List.copyOf(violations);
    }

    public String origin() {
        return origin;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** "1) ...\n2) ..." for people, like the settings errors. */
    public String numbered() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < violations.size(); i++) {
            out.append(i + 1).append(") ").append(violations.get(i)).append('\n');
        }
        return out.toString();
    }

    private static String message(String origin, List<Violation> violations) {
        requireNonNull(origin, "origin is null");
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a SpecException needs at least one violation");
        }
        StringBuilder out = new StringBuilder("invalid spec ").append(origin).append(':');
        for (Violation violation : violations) {
            out.append("\n  ").append(violation);
        }
        return out.toString();
    }
}
