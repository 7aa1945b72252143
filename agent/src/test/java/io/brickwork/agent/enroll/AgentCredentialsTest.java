package io.brickwork.agent.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.common.security.CertificateAuthority;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.KeyPairs;
import io.brickwork.common.security.Pem;
import io.brickwork.common.security.Role;
import io.brickwork.common.security.SecureFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCredentialsTest {
    @TempDir
    Path dir;

    private CertificateAuthority ca;
    private Path state;

    @BeforeEach
    void ca() {
        ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), Clock.systemUTC());
        state = dir.resolve("agent");
    }

    private X509Certificate issue(KeyPair keys) {
        return ca.issue(keys.getPublic(), new Identity(Role.NODE, "node1"), Duration.ofDays(30), List.of(), List.of());
    }

    @Test
    void aCrashDuringRenewalLeavesTheOldPairWholeNotANewKeyWithAnOldCertificate() {
        KeyPair first = KeyPairs.generate();
        new AgentCredentials(state).store(first.getPrivate(), issue(first), ca.certificate());
        KeyPair second = KeyPairs.generate();
        AgentCredentials crashing = new AgentCredentials(state, pair -> {
            throw new IllegalStateException("power cut");
        });

        assertThrows(IllegalStateException.class,
                () -> crashing.store(second.getPrivate(), issue(second), ca.certificate()));

        AgentCredentials restarted = new AgentCredentials(state);
        assertTrue(restarted.exist());
        assertEquals(first.getPublic(), restarted.certificate().getPublicKey());
        assertEquals(first.getPrivate(), restarted.key());
    }

    @Test
    void aRenewalSwitchesKeyAndCertificateTogetherAndDropsTheOldPair() throws Exception {
        KeyPair first = KeyPairs.generate();
        AgentCredentials credentials = new AgentCredentials(state);
        credentials.store(first.getPrivate(), issue(first), ca.certificate());
        KeyPair second = KeyPairs.generate();

        credentials.store(second.getPrivate(), issue(second), ca.certificate());

        assertEquals(second.getPublic(), credentials.certificate().getPublicKey());
        assertEquals(second.getPrivate(), credentials.key());
        assertEquals(second.getPrivate(), Pem.privateKey(Files.readString(state.resolve("node.key"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.keyFile())));
        try (var files = Files.list(state)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("pair-")).count());
        }
    }

    @Test
    void theFilesOfAnAgentFromBeforePairsAreReadAndReplacedAtTheNextRenewal() {
        KeyPair old = KeyPairs.generate();
        SecureFiles.ensurePrivateDirectory(state);
        SecureFiles.writePrivate(state.resolve("node.key"), Pem.encode(old.getPrivate()).getBytes(StandardCharsets.US_ASCII));
        SecureFiles.writePublic(state.resolve("node.crt"), Pem.encode(issue(old)).getBytes(StandardCharsets.US_ASCII));
        SecureFiles.writePublic(state.resolve("ca.crt"), Pem.encode(ca.certificate()).getBytes(StandardCharsets.US_ASCII));
        AgentCredentials credentials = new AgentCredentials(state);
        assertEquals(old.getPrivate(), credentials.key());

        KeyPair renewed = KeyPairs.generate();
        credentials.store(renewed.getPrivate(), issue(renewed), ca.certificate());

        assertEquals(renewed.getPrivate(), credentials.key());
        assertTrue(Files.isSymbolicLink(state.resolve("node.crt")));
        assertEquals(renewed.getPublic(), Pem.certificate(read(state.resolve("node.crt"))).getPublicKey());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
