package io.brickwork.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.coordinator.cli.ContextStore.Context;
import io.brickwork.coordinator.cli.ContextStore.Contexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a client command connects: flags, then --context, then the current context, then the defaults. */
class ClientOptionsTest {
    @TempDir
    Path home;

    private ContextStore store;

    @BeforeEach
    void twoContextsStagingCurrent() {
        store = ContextStore.forUser(Map.of(), home.toString());
        TreeMap<String, Context> byName = new TreeMap<>();
        byName.put("staging", new Context("staging", "staging:7443", Optional.of(Path.of("/tls/staging"))));
        byName.put("prod", new Context("prod", "prod:7443", Optional.of(Path.of("/tls/prod"))));
        store.write(new Contexts(byName, Optional.of("staging")));
    }

    private ClientOptions options(String coordinator, String tlsDir, String context) {
        ClientOptions options = new ClientOptions(store);
        options.coordinator = coordinator;
        options.tlsDir = tlsDir == null ? null : Path.of(tlsDir);
        options.context = context;
        return options;
    }

    @Test
    void theCurrentContextWhenNothingIsGiven() {
        ClientOptions options = options(null, null, null);

        assertEquals("staging:7443", options.describe());
        assertEquals(Path.of("/tls/staging"), options.credentials());
        assertEquals("staging", options.context().orElseThrow().name());
    }

    @Test
    void contextWinsOverTheCurrentOne() {
        ClientOptions options = options(null, null, "prod");

        assertEquals("prod:7443", options.describe());
        assertEquals(Path.of("/tls/prod"), options.credentials());
    }

    @Test
    void flagsWinOverTheContextFieldByField() {
        assertEquals("other:7443", options("other:7443", null, "prod").describe());
        assertEquals(Path.of("/tls/prod"), options("other:7443", null, "prod").credentials());
        assertEquals(Path.of("/mine"), options(null, "/mine", "prod").credentials());
        assertEquals("prod:7443", options(null, "/mine", "prod").describe());
    }

    @Test
    void bothFlagsLeaveTheContextsUnread() throws IOException {
        Files.writeString(store.file(), "this is { not valid");

        ClientOptions options = options("other:7443", "/mine", null);

        assertEquals("other:7443", options.describe());
        assertEquals(Optional.empty(), options.context());
    }

    @Test
    void withoutContextsTheDefaultsAsBefore() throws IOException {
        Files.delete(store.file());

        ClientOptions options = options(null, null, null);

        assertEquals(Files.exists(ClientOptions.DEFAULT_SOCKET) ? "unix:" + ClientOptions.DEFAULT_SOCKET : "localhost:7443",
                options.describe());
        assertEquals(ClientOptions.defaultTlsDir(), options.credentials());
    }

    @Test
    void anUnknownContextIsNamedWithTheKnownOnes() {
        BadInputException error = assertThrows(BadInputException.class, () -> options(null, null, "prdo").describe());

        assertTrue(error.getMessage().contains("no context named 'prdo'"), error.getMessage());
        assertTrue(error.getMessage().contains("prod, staging"), error.getMessage());
    }

    @Test
    void aMalformedContextNameIsBadInput() {
        assertThrows(BadInputException.class, () -> options(null, null, "../x").describe());
    }
}
