package io.brickwork.agent.glustertls;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.security.Pem;
import io.brickwork.agent.files.KeyPairSets;
import io.brickwork.common.security.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Gluster's key, certificate and CA on this node. glusterd reads its management TLS material only
 * from compiled-in paths ({@code /usr/lib/ssl/glusterfs.key}, {@code .pem}, {@code .ca} on
 * Debian's 10.3, whatever glusterd.vol says), and the volumes' {@code ssl.*} options point bricks
 * and FUSE clients at the same three paths, so one set serves both.
 *
 * <p>The three change together at renewal, and three renames are not one: a handshake between
 * them would read a key its certificate does not match. So each set is written whole into
 * {@code HOME/pair-SERIAL}, the symlink {@code HOME/current} is switched to it by one rename, and
 * the three names gluster reads are symlinks into {@code current}. A file of someone else's at
 * one of those names is kept once as {@code NAME.brickwork-backup} before the link replaces it.
 */
public final class GlusterTlsFiles {
    /** Where Debian's glusterd, bricks and FUSE clients look (glusterfs#3234). */
    public static final Path SSL_DIRECTORY = Path.of("/usr/lib/ssl");
    public static final String KEY = "glusterfs.key";
    public static final String CERTIFICATE = "glusterfs.pem";
    public static final String CA = "glusterfs.ca";
    /** The directory of Brickwork's sets, in {@link #SSL_DIRECTORY}. */
    public static final String HOME = "brickwork-gluster";
    static final String CURRENT = KeyPairSets.CURRENT;

    /** What is installed, as gluster would read it. */
    public record Installed(X509Certificate certificate, X509Certificate ca) {
        public Installed {
            requireNonNull(certificate, "certificate is null");
            requireNonNull(ca, "ca is null");
        }
    }

    private final Path home;
    private final Path sslDirectory;

    /**
     * @param home the directory for gluster's sets (made private)
     * @param sslDirectory where gluster reads them ({@link #SSL_DIRECTORY} on a node)
     */
    public GlusterTlsFiles(Path home, Path sslDirectory) {
        this.home = requireNonNull(home, "home is null");
        this.sslDirectory = requireNonNull(sslDirectory, "sslDirectory is null");
    }

    public Path keyPath() {
        return sslDirectory.resolve(KEY);
    }

    public Path certificatePath() {
        return sslDirectory.resolve(CERTIFICATE);
    }

    public Path caPath() {
        return sslDirectory.resolve(CA);
    }

    /** The installed set, read through the names gluster reads; empty when a link is not ours or a file is missing. */
    public Optional<Installed> read() {
        if (!linked()) {
            return Optional.empty();
        }
        try {
            Pem.privateKey(Files.readString(keyPath(), StandardCharsets.US_ASCII));
            return Optional.of(new Installed(Pem.certificate(Files.readString(certificatePath(), StandardCharsets.US_ASCII)),
                    Pem.certificate(Files.readString(caPath(), StandardCharsets.US_ASCII))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Each of the three names is our symlink into {@code current}. */
    public boolean linked() {
        for (String name : List.of(KEY, CERTIFICATE, CA)) {
            Path link = sslDirectory.resolve(name);
            try {
                if (!Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(target(name))) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stores a matching key and certificate and the CA: until the switch of {@code current} the
     * previous set stays in use whole, after it the new one.
     */
    public void store(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
        requireNonNull(key, "key is null");
        requireNonNull(certificate, "certificate is null");
        requireNonNull(ca, "ca is null");
        SecureFiles.ensurePrivateDirectory(home);
        try {
            Optional<Path> previous = KeyPairSets.current(home);
            Path pair = KeyPairSets.fresh(home, certificate.getSerialNumber().toString(16));
            SecureFiles.writePrivate(pair.resolve(KEY), Pem.encode(key).getBytes(StandardCharsets.US_ASCII));
            SecureFiles.writePublic(pair.resolve(CERTIFICATE), Pem.encode(certificate).getBytes(StandardCharsets.US_ASCII));
            SecureFiles.writePublic(pair.resolve(CA), Pem.encode(ca).getBytes(StandardCharsets.US_ASCII));
            KeyPairSets.switchTo(home, pair);
            link();
            KeyPairSets.deletePrevious(previous, pair);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store gluster's key and certificate in " + home, e);
        }
    }

    private void link() throws IOException {
        Files.createDirectories(sslDirectory);
        for (String name : List.of(KEY, CERTIFICATE, CA)) {
            Path link = sslDirectory.resolve(name);
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
                Path backup = sslDirectory.resolve(name + ".brickwork-backup");
                if (!Files.exists(backup, LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(link, backup, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            KeyPairSets.replaceWithLink(link, target(name));
        }
        KeyPairSets.sync(sslDirectory);
    }

    private Path target(String name) {
        return home.toAbsolutePath().resolve(CURRENT).resolve(name);
    }
}
