package io.brickwork.agent.actions;

import java.util.Optional;

/** "host:/volume", the source of a glusterfs mount. */
record GlusterSource(String host, String volume) {
    private static final String SEPARATOR = ":/";

    static Optional<GlusterSource> parse(String source) {
        int separator = source.lastIndexOf(SEPARATOR);
        if (separator <= 0) {
            return Optional.empty();
        }
        return Optional.of(new GlusterSource(source.substring(0, separator),
                source.substring(separator + SEPARATOR.length())));
    }
}
