package io.brickwork.agent.enroll;

import static java.util.Objects.requireNonNull;

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
 */
public final class AgentCredentials {
    private final Path directory;

    public AgentCredentials(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
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

    /** The key first: a crash between the writes leaves a key without a certificate, never the reverse. */
    public void store(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
        SecureFiles.ensurePrivateDirectory(directory);
        SecureFiles.writePrivate(keyFile(), Pem.encode(key).getBytes(StandardCharsets.US_ASCII));
        SecureFiles.writePublic(caFile(), Pem.encode(ca).getBytes(StandardCharsets.US_ASCII));
        SecureFiles.writePublic(certificateFile(), Pem.encode(certificate).getBytes(StandardCharsets.US_ASCII));
    }

    Path keyFile() {
        return directory.resolve("node.key");
    }

    Path certificateFile() {
        return directory.resolve("node.crt");
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
