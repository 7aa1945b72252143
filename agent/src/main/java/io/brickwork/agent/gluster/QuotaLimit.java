package io.brickwork.agent.gluster;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * One directory of {@code volume quota VOLUME list PATH}.
 *
 * @param path as gluster shows it, from the volume's root ("/couchdb")
 * @param hardLimitBytes empty when the directory has no limit (gluster's "N/A")
 * @param usedBytes what the quota accounting counts in the directory now, which can be more
 *     than the limit: gluster compares with the limit only as often as its timeouts say
 */
public record QuotaLimit(String path, OptionalLong hardLimitBytes, long usedBytes) {
    public QuotaLimit {
        requireNonNull(path, "path is null");
        requireNonNull(hardLimitBytes, "hardLimitBytes is null");
    }
}
