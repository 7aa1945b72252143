package io.brickwork.agent.glustertls;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.report.NodeReporter;
import io.brickwork.proto.agent.v1.GlusterTlsReport;
import io.brickwork.proto.agent.v1.NodeReport;
import io.brickwork.proto.agent.v1.WatchList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Adds gluster's TLS to every node report: whether management TLS is on (glusterd's
 * secure-access file), when the installed certificate expires, and which volumes' I/O path is
 * TLS, read from glusterd's store ({@code vols/NAME/info}, where glusterd keeps the options it
 * applies). Plain file reads, quick and without the CLI, so they go with every report.
 */
public final class GlusterTlsReporting implements NodeReporter {
    private static final Logger log = Logger.getLogger(GlusterTlsReporting.class.getName());
    private static final Set<String> ON = Set.of("on", "yes", "true", "enable", "1");
    /** A report stays small whatever the node holds. */
    private static final int MAX_VOLUMES = 256;

    private final NodeReporter delegate;
    private final GlusterTls tls;
    private final Path glusterdWorkdir;

    public GlusterTlsReporting(NodeReporter delegate, GlusterTls tls, Path glusterdWorkdir) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.tls = requireNonNull(tls, "tls is null");
        this.glusterdWorkdir = requireNonNull(glusterdWorkdir, "glusterdWorkdir is null");
    }

    @Override
    public void start(Consumer<NodeReport> sink) {
        delegate.start(report -> sink.accept(report.toBuilder().setGlusterTls(read()).build()));
    }

    @Override
    public void watch(WatchList watch) {
        delegate.watch(watch);
    }

    @Override
    public void stop() {
        delegate.stop();
    }

    GlusterTlsReport read() {
        GlusterTlsReport.Builder report = GlusterTlsReport.newBuilder()
                .setManagement(Files.exists(glusterdWorkdir.resolve("secure-access"), LinkOption.NOFOLLOW_LINKS));
        tls.expiry().ifPresent(expiry -> report.setCertificateNotAfterUnixMs(expiry.toEpochMilli()));
        Path vols = glusterdWorkdir.resolve("vols");
        if (!Files.isDirectory(vols, LinkOption.NOFOLLOW_LINKS)) {
            return report.build();
        }
        List<String> tlsVolumes = new ArrayList<>();
        List<String> plainVolumes = new ArrayList<>();
        try (DirectoryStream<Path> volumes = Files.newDirectoryStream(vols)) {
            for (Path volume : volumes) {
                Path info = volume.resolve("info");
                if (!Files.isRegularFile(info, LinkOption.NOFOLLOW_LINKS)
                        || tlsVolumes.size() + plainVolumes.size() >= MAX_VOLUMES) {
                    continue;
                }
                (encrypted(Files.readAllLines(info, StandardCharsets.UTF_8)) ? tlsVolumes : plainVolumes)
                        .add(volume.getFileName().toString());
            }
        } catch (IOException e) {
            // Known volumes only: the rest of the report is still worth sending.
            log.fine(() -> "cannot read glusterd's volumes in " + vols + ": " + e);
        }
        return report.addAllTlsVolumes(tlsVolumes.stream().sorted().toList())
                .addAllPlainVolumes(plainVolumes.stream().sorted().toList()).build();
    }

    static boolean encrypted(List<String> infoLines) {
        return on(infoLines, "client.ssl") && on(infoLines, "server.ssl");
    }

    private static boolean on(List<String> lines, String key) {
        return lines.stream().filter(line -> line.startsWith(key + "=")).findFirst()
                .map(line -> ON.contains(line.substring(key.length() + 1).strip().toLowerCase(Locale.ROOT)))
                .orElse(false);
    }
}
