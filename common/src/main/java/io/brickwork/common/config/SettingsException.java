package io.brickwork.common.config;

import java.util.List;

/** Settings that cannot be used; carries every problem found, not only the first. */
public final class SettingsException extends RuntimeException {
    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    /** "1) ...\n2) ..." for people. */
    public String numbered() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < problems.size(); i++) {
            out.append(i + 1).append(") ").append(problems.get(i)).append('\n');
        }
        return out.toString();
    }
}
