package io.brickwork.common.net;

import java.util.Optional;

/** A parsed {@code host:port}; IPv6 hosts come in brackets ({@code [::1]:7443}). */
public record HostPort(String host, int port) {

    public static Optional<HostPort> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            return Optional.empty();
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 1 || port > 65535 || host.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new HostPort(host, port));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The gRPC target string for this address. */
    public String target() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
