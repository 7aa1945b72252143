package io.brickwork.coordinator.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import io.brickwork.coordinator.testing.InProcessCoordinator;
import io.brickwork.coordinator.testing.InProcessTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupErrorsTest {
    @TempDir
    Path dir;

    /** Three objects need the one that cannot be made: the injector names the cause three times. */
    static final class ThreeNeedOne extends AbstractModule {
        @Provides
        String stateDir() {
            throw new IllegalStateException("/var/lib/brickwork is accessible by group or other users");
        }

        @Provides
        @Singleton
        Integer ca(String stateDir) {
            return 1;
        }

        @Provides
        @Singleton
        Long tokens(String stateDir) {
            return 2L;
        }

        @Provides
        @Singleton
        Double revocations(String stateDir) {
            return 3.0;
        }
    }

    @Test
    void aCauseTheInjectorRepeatsIsOneLine() {
        CreationException e = assertThrows(CreationException.class,
                () -> Guice.createInjector(Stage.PRODUCTION, new ThreeNeedOne()));

        assertEquals(List.of("/var/lib/brickwork is accessible by group or other users"), StartupErrors.causes(e));
    }

    @Test
    void distinctCausesAreNumberedInTheOrderMet() {
        IllegalStateException failure = new IllegalStateException("cannot listen on 0.0.0.0:7443: Address in use");
        failure.addSuppressed(new UncheckedIOException(new IOException("cannot remove /run/brickwork/coordinator.sock")));

        assertEquals("1) cannot listen on 0.0.0.0:7443: Address in use\n"
                + "2) cannot remove /run/brickwork/coordinator.sock\n", StartupErrors.numbered(failure));
    }

    @Test
    void aStateDirectoryOthersCanReadStopsTheStartWithOneCauseNamingIt() throws IOException {
        Path stateDir = Files.createDirectory(dir.resolve("state"));
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwxrwxrwx"));

        RuntimeException e = assertThrows(RuntimeException.class, () -> CoordinatorMain.start(
                InProcessCoordinator.settings(stateDir, dir.resolve("admin.sock"), dir.resolve("audit.log"),
                        Duration.ofSeconds(1)), new InProcessTransport()));

        List<String> causes = StartupErrors.causes(e);
        assertEquals(1, causes.size(), causes::toString);
        assertTrue(causes.get(0).contains(stateDir.toString()), causes.get(0));
    }
}
