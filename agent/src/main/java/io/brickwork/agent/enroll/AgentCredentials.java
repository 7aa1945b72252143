package io.brickwork.agent.enroll;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.files.KeyPairSets;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.Pem;
import io.brickwork.common.security.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The node's identity on disk, in the agent's state directory: {@code node.key} (0600, made
 * on this node and never sent anywhere), {@code node.crt} (issued by the coordinator) and
 * {@code ca.crt} (the cluster CA, pinned at join).
 *
 * <p>Key and certificate change together at renewal, and two file writes cannot be one atomic
 * step: a crash between them would leave a key its certificate does not match, and an agent
 * that cannot connect. So each pair is written whole into its own directory {@code pair-SERIAL},
 * and the symlink {@code current} is switched to it by one rename; the agent reads through
 * {@code current}. {@code node.key} and {@code node.crt} are links into {@code current} for
 * people and for the unit's start condition. A state directory from before pairs (plain
 * {@code node.key} and {@code node.crt}) is read as it is until the next renewal.
 */
public final class AgentCredentials {
    static final String CURRENT = KeyPairSets.CURRENT;

    /** Runs after a pair is written and before it is made current: where a crash would land. */
    interface BeforeSwitch {
        void run(Path pair);
    }

    private final Path directory;
    private final BeforeSwitch beforeSwitch;

    public AgentCredentials(Path directory) {
        this(directory, pair -> { });
    }

    AgentCredentials(Path directory, BeforeSwitch beforeSwitch) {
        this.directory = requireNonNull(directory, "directory is null");
        this.beforeSwitch = requireNonNull(beforeSwitch, "beforeSwitch is null");
    }

    public Path directory() {
        return directory;
    }

    public boolean exist() {
        return Files.isRegularFile(keyFile()) && Files.isRegularFile(certificateFile()) && Files.isRegularFile(caFile());
    }

    public PrivateKey key() {
        return Pem.privateKey(read(keyFile()));
    }

    public X509Certificate certificate() {
        return Pem.certificate(read(certificateFile()));
    }

    public X509Certificate ca() {
        return Pem.certificate(read(caFile()));
    }

    public Optional<Identity> identity() {
        return Identity.of(certificate());
    }

    /**
     * Stores a matching key and certificate (and the CA): until the switch of {@code current}
     * the previous pair stays in use whole, after it the new one.
     */
    public void store(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
        byte[] keyPem = Pem.encode(key).getBytes(StandardCharsets.US_ASCII);
        byte[] certificatePem = Pem.encode(certificate).getBytes(StandardCharsets.US_ASCII);
        byte[] caPem = Pem.encode(ca).getBytes(StandardCharsets.US_ASCII);
        SecureFiles.ensurePrivateDirectory(directory);
        SecureFiles.writePublic(caFile(), caPem);
        try {
            Optional<Path> previous = KeyPairSets.current(directory);
            Path pair = KeyPairSets.fresh(directory, certificate.getSerialNumber().toString(16));
            SecureFiles.writePrivate(pair.resolve("node.key"), keyPem);
            SecureFiles.writePublic(pair.resolve("node.crt"), certificatePem);
            beforeSwitch.run(pair);
            KeyPairSets.switchTo(directory, pair);
            KeyPairSets.replaceWithLink(directory.resolve("node.key"), Path.of(CURRENT, "node.key"));
            KeyPairSets.replaceWithLink(directory.resolve("node.crt"), Path.of(CURRENT, "node.crt"));
            KeyPairSets.sync(directory);
            KeyPairSets.deletePrevious(previous, pair);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the node's key and certificate in " + directory, e);
        }
    }

    /** The key and certificate as they are read: through {@code current}, or the plain files of an older agent. */
    Path keyFile() {
        return pairDirectory().resolve("node.key");
    }

    Path certificateFile() {
        return pairDirectory().resolve("node.crt");
    }

    private Path pairDirectory() {
        Path current = directory.resolve(CURRENT);
        return Files.isSymbolicLink(current) ? current : directory;
    }

    Path caFile() {
        return directory.resolve("ca.crt");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
