package io.brickwork.agent.hosts;

import static java.util.Objects.requireNonNull;

/** One name that must resolve to one address through /etc/hosts. */
public record HostEntry(String name, String address) {
    public HostEntry {
        requireNonNull(name, "name is null");
        requireNonNull(address, "address is null");
    }
}
