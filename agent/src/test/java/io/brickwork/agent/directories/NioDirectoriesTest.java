package io.brickwork.agent.directories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.brickwork.agent.directories.Directories.Entry;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioDirectoriesTest {
    @TempDir
    Path dir;

    private final NioDirectories directories = new NioDirectories();

    /**
     * The check round runs a node's steps at once, and each walks from / with handles of its own:
     * one handle must never act through another's descriptor, which that one closes meanwhile.
     */
    @Test
    void handlesOnTheSameDirectoriesInManyThreadsEachActThroughTheirOwnDescriptor() throws Exception {
        Files.createDirectories(dir.resolve("apps/data"));
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> walks = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                walks.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        try (Directories.Handle apps = directories.open(dir.resolve("apps"));
                                Directories.Handle data = apps.openChild("data")) {
                            assertInstanceOf(Entry.Directory.class, apps.inspect("data"));
                            assertEquals(dir.resolve("apps/data"), data.path());
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> walk : walks) {
                walk.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSymlinkIsReportedWithItsTargetNotFollowed() throws IOException {
        Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc"));

        try (Directories.Handle handle = directories.open(dir)) {
            assertEquals(new Entry.Symlink("/etc"), handle.inspect("link"));
        }
    }

    @Test
    void missingFilesAndDirectoriesAreToldApart() throws IOException {
        Files.writeString(dir.resolve("file"), "x");

        try (Directories.Handle handle = directories.open(dir)) {
            assertInstanceOf(Entry.Missing.class, handle.inspect("none"));
            assertEquals(new Entry.NotDirectory("a file"), handle.inspect("file"));
        }
    }

    @Test
    void createdDirectoryHasAllTwelveModeBitsWhateverTheUmask() throws IOException {
        try (Directories.Handle handle = directories.open(dir);
                Directories.Handle created = handle.createChild("app", 02750)) {
            assertEquals(02750, created.attributes().mode());
            assertEquals(02750, ((Entry.Directory) handle.inspect("app")).mode());
        }
    }

    @Test
    void setModeChangesOnlyTheMode() throws IOException {
        try (Directories.Handle handle = directories.open(dir);
                Directories.Handle created = handle.createChild("app", 0700)) {
            created.setMode(0755);

            assertEquals(0755, ((Entry.Directory) handle.inspect("app")).mode());
        }
    }

    @Test
    void createNeverGoesThroughASymlinkAtTheLastSegment() throws IOException {
        Path target = Files.createDirectory(dir.resolve("target"));
        Files.createSymbolicLink(dir.resolve("app"), target);

        try (Directories.Handle handle = directories.open(dir)) {
            assertThrows(FileAlreadyExistsException.class, () -> handle.createChild("app", 0750));
        }
        assertEquals(List.of(), List.of(target.toFile().list()));
    }

    @Test
    void aSymlinkPlacedAnywhereInThePathIsRefused() throws IOException {
        Path victim = Files.createDirectories(dir.resolve("victim/inner"));
        Files.createSymbolicLink(dir.resolve("volume"), dir.resolve("victim"));

        UnsafePathException refused = assertThrows(UnsafePathException.class,
                () -> directories.open(dir.resolve("volume/inner")));

        assertTrue(refused.getMessage().startsWith(dir.resolve("volume") + " is a symlink"), refused.getMessage());
        assertTrue(Files.isDirectory(victim));
    }

    @Test
    void openOrCreateNeverCreatesThroughASymlinkInThePath() throws IOException {
        Path victim = Files.createDirectory(dir.resolve("victim"));
        Files.createSymbolicLink(dir.resolve("gluster"), victim);

        assertThrows(UnsafePathException.class, () -> directories.openOrCreate(dir.resolve("gluster/brick"), 0755));

        assertEquals(List.of(), List.of(victim.toFile().list()));
    }

    @Test
    void aDirectorySwappedForASymlinkBetweenCheckAndOpenIsRefused() throws IOException {
        Path app = Files.createDirectory(dir.resolve("app"));
        Path victim = Files.createDirectory(dir.resolve("victim"));
        NioDirectories racing = new NioDirectories((parent, name) -> {
            if (name.equals("app")) {
                Files.move(app, dir.resolve("app.moved"));
                Files.createSymbolicLink(app, victim);
            }
        });

        UnsafePathException refused = assertThrows(UnsafePathException.class, () -> racing.open(app));

        assertTrue(refused.getMessage().contains("swapped"), refused.getMessage());
    }

    @Test
    void aDirectorySwappedForAFifoBetweenCheckAndOpenIsRefusedWithoutBlocking() throws Exception {
        Path app = Files.createDirectory(dir.resolve("app"));
        NioDirectories racing = new NioDirectories((parent, name) -> {
            if (name.equals("app")) {
                Files.delete(app);
                mkfifo(app);
            }
        });

        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(UnsafePathException.class, () -> racing.open(app)));
    }

    @Test
    void aHandleActsOnTheDirectoryItOpenedAfterThePathIsSwappedForASymlink() throws IOException {
        assumeTrue(isRoot(), "changing owners needs root");
        Path app = Files.createDirectory(dir.resolve("app"));
        Path victim = Files.createDirectory(dir.resolve("victim"));
        Files.setAttribute(victim, "unix:mode", 0700);
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");

        try (Directories.Handle handle = directories.open(app)) {
            Files.move(app, dir.resolve("app.moved"));
            Files.createSymbolicLink(app, victim);

            handle.ownerView().setOwner(nobody);
            handle.setMode(0777);
        }

        assertEquals("root", Files.getOwner(victim).getName());
        assertEquals(0700, (Integer) Files.getAttribute(victim, "unix:mode") & 07777);
        assertEquals(nobody, Files.getOwner(dir.resolve("app.moved")));
        assertEquals(0777, (Integer) Files.getAttribute(dir.resolve("app.moved"), "unix:mode") & 07777);
    }

    @Test
    void openOrCreateMakesMissingSegmentsWithTheMode() throws IOException {
        try (Directories.Handle brick = directories.openOrCreate(dir.resolve("gluster/brick"), 0755)) {
            assertEquals(0755, brick.attributes().mode());
        }
        assertEquals(0755, (Integer) Files.getAttribute(dir.resolve("gluster"), "unix:mode") & 07777);
    }

    private static void mkfifo(Path path) throws IOException {
        try {
            Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("mkfifo " + path + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
