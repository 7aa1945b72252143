package io.brickwork.agent.dockerplugin;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.brickwork.agent.directories.Directories;
import io.brickwork.agent.directories.FakeDirectories;
import io.brickwork.agent.mount.FakeMountTable;
import io.brickwork.agent.ownership.FakeOwnership;
import io.brickwork.agent.ownership.Owners;
import io.brickwork.agent.report.MountProbe;
import io.brickwork.agent.report.MountProber;
import io.brickwork.agent.system.SystemTicker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import io.brickwork.agent.gluster.QuotaLimit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A node "node2" with Brickwork volume staging-gfs in its fstab on /mnt; tests mount it or not. */
final class DriverFixture {
    static final Path MNT = Path.of("/mnt");
    static final String FSTAB = "# static\nUUID=1 / ext4 defaults 0 1\nlocalhost:/staging-gfs /mnt glusterfs"
            + " defaults,_netdev 0 0\n";

    final FakeDirectories directories = new FakeDirectories().directory(MNT, 0755);
    final FakeMountTable mountTable = new FakeMountTable();
    final FakeOwnership ownership = new FakeOwnership().withUser("5984").withGroup("5984").withUser("0")
            .withGroup("0");
    /** What a stat of the mount point does; replaced by tests for hung and failing mounts. */
    volatile MountProbe probe = mountPoint -> new Owners("root", "root");
    /**
     * Runs before the driver opens a path on the volume; tests make it block, as an open does on a
     * mount that hangs after it was found safe.
     */
    volatile Runnable beforeOpen = () -> {};
    final VolumeDriver driver;
    /** The quota limits asked for, as "limit VOLUME /DIR BYTES". */
    final List<String> quotaCalls = new CopyOnWriteArrayList<>();
    final Map<String, Long> limits = new ConcurrentHashMap<>();
    /** Non-empty: the coordinator refuses every limit with this. */
    volatile String quotaRefusal = "";

    DriverFixture(String fstab) {
        MountProber prober = new MountProber(mountPoint -> probe.stat(mountPoint), Duration.ofMillis(200),
                new SystemTicker());
        Directories gated = path -> {
            beforeOpen.run();
            return directories.open(path);
        };
        driver = new VolumeDriver("node2", new NodeVolumes(() -> fstab, List.of(MNT)),
                new MountSafety(mountTable, prober), gated, ownership,
                Clock.fixed(Instant.parse("2026-12-04T18:00:00Z"), ZoneOffset.UTC), Duration.ofMillis(200),
                new DirectoryQuotas() {
                    @Override
                    public void limit(String volume, String directory, long bytes) throws DockerVolumeRequestException {
                        quotaCalls.add("limit " + volume + " /" + directory + " " + bytes);
                        if (!quotaRefusal.isEmpty()) {
                            throw new DockerVolumeRequestException(quotaRefusal);
                        }
                        limits.put(directory, bytes);
                    }

                    @Override
                    public Optional<QuotaLimit> read(String volume, String directory) {
                        Long limit = limits.get(directory);
                        return Optional.of(new QuotaLimit("/" + directory, limit == null ? OptionalLong.empty()
                                : OptionalLong.of(limit), 3 * 1024 * 1024));
                    }
                });
    }

    DriverFixture() {
        this(FSTAB);
    }

    DriverFixture mounted() {
        mountTable.mountGlusterfs("localhost:/staging-gfs", MNT);
        return this;
    }

    JsonObject call(String endpoint, String body) {
        try {
            JsonObject answer = driver.handle(endpoint, body);
            // What goes over the wire: it must survive a round trip as JSON.
            return JsonParser.parseString(answer.toString()).getAsJsonObject();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** From now on a stat of the mount point never returns (until the test ends). */
    void hang(CountDownLatch until) {
        probe = mountPoint -> {
            try {
                until.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("released");
        };
    }

    static String err(JsonObject answer) {
        return answer.has("Err") ? answer.get("Err").getAsString() : "";
    }
}
