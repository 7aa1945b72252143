package io.brickwork.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.cli.ContextStore.Context;
import io.brickwork.coordinator.cli.ContextStore.Contexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contexts file: where it is, what it holds, and which files it refuses. */
class ContextStoreTest {
    @TempDir
    Path home;

    private ContextStore store() {
        return ContextStore.forUser(Map.of(), home.toString());
    }

    private static Contexts contexts(String current, Context... all) {
        TreeMap<String, Context> byName = new TreeMap<>();
        for (Context context : all) {
            byName.put(context.name(), context);
        }
        return new Contexts(byName, Optional.ofNullable(current));
    }

    private static Context context(String name, String coordinator, String tlsDir) {
        return new Context(name, coordinator, Optional.ofNullable(tlsDir).map(Path::of));
    }

    @Test
    void livesInXdgConfigHomeWhenSetElseInDotConfig() {
        assertEquals(Path.of("/xdg/brickwork/contexts.conf"),
                ContextStore.forUser(Map.of("XDG_CONFIG_HOME", "/xdg"), "/home/ann").file());
        assertEquals(Path.of("/home/ann/.config/brickwork/contexts.conf"), ContextStore.forUser(Map.of(), "/home/ann").file());
        // The XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored.
        assertEquals(Path.of("/home/ann/.config/brickwork/contexts.conf"),
                ContextStore.forUser(Map.of("XDG_CONFIG_HOME", "relative"), "/home/ann").file());
    }

    @Test
    void noFileMeansNoContexts() {
        assertEquals(Contexts.NONE, store().read());
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        Contexts written = contexts("staging",
                context("staging", "10.0.0.1:7443", "/home/ann/.config/brickwork/staging"),
                context("prod.eu-1", "[fd00::1]:7443", null),
                context("local", "unix:/run/brickwork/coordinator.sock", null));

        store().write(written);

        assertEquals(written, store().read());
    }

    @Test
    void isWrittenOwnerOnlyInAnOwnerOnlyDirectory() throws IOException {
        store().write(contexts(null, context("a", "h:1", null)));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store().file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store().file().getParent())));
    }

    @Test
    void aFileOthersCanWriteIsRefused() throws IOException {
        store().write(contexts(null, context("a", "h:1", null)));
        Files.setPosixFilePermissions(store().file(), PosixFilePermissions.fromString("rw-rw-rw-"));

        ClientSetupException refused = assertThrows(ClientSetupException.class, () -> store().read());

        assertTrue(refused.getMessage().contains("chmod go-w " + store().file()), refused.getMessage());
    }

    @Test
    void aDirectoryOthersCanWriteIsRefused() throws IOException {
        store().write(contexts(null, context("a", "h:1", null)));
        Files.setPosixFilePermissions(store().file().getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThrows(ClientSetupException.class, () -> store().read());
    }

    @Test
    void aCurrentContextThatIsNotDefinedIsAnError() throws IOException {
        store().write(contexts(null, context("a", "h:1", null)));
        Files.writeString(store().file(), "current = b\ncontexts = [{ name = a, coordinator = \"h:1\" }]\n");

        ClientSetupException error = assertThrows(ClientSetupException.class, () -> store().read());

        assertTrue(error.getMessage().contains("'b'"), error.getMessage());
    }

    @Test
    void namesAndAddressesAreChecked() {
        assertTrue(ContextStore.nameProblem("staging").isEmpty());
        assertTrue(ContextStore.nameProblem("prod.eu-1").isEmpty());
        assertFalse(ContextStore.nameProblem("").isEmpty());
        assertFalse(ContextStore.nameProblem("-x").isEmpty());
        assertFalse(ContextStore.nameProblem("a b").isEmpty());
        assertFalse(ContextStore.nameProblem("../etc").isEmpty());
        assertTrue(ContextStore.coordinatorProblem("10.0.0.1:7443").isEmpty());
        assertTrue(ContextStore.coordinatorProblem("unix:/run/brickwork/coordinator.sock").isEmpty());
        assertFalse(ContextStore.coordinatorProblem("10.0.0.1").isEmpty());
        assertFalse(ContextStore.coordinatorProblem("unix:relative.sock").isEmpty());
    }
}
