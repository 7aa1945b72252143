package io.brickwork.agent.steps;

import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.check;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.brickwork.agent.directories.Directories;
import io.brickwork.agent.directories.FakeDirectories;
import io.brickwork.agent.directories.NioDirectories;
import io.brickwork.agent.directories.RacingDirectories;
import io.brickwork.agent.mount.FakeMountTable;
import io.brickwork.agent.ownership.FakeOwnership;
import io.brickwork.agent.ownership.NioOwnership;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDirectoriesStepTest {
    private static final String SOURCE = "localhost:/gfs";
    private static final Path MNT = Path.of("/mnt");
    private final FakeMountTable mounts = new FakeMountTable();
    private final FakeDirectories directories = new FakeDirectories().directory(MNT, 0755);
    private final FakeOwnership ownership = new FakeOwnership().withUser("5984").withGroup("5984");
    private final FakeTicker ticker = new FakeTicker();

    private AppDirectoriesStep step(boolean verifyOnly, AppDirectoriesStep.Wanted... wanted) {
        return new AppDirectoriesStep(SOURCE, MNT, List.of(wanted), verifyOnly, mounts, directories, ownership,
                context(ticker, Duration.ofSeconds(5)));
    }

    private static AppDirectoriesStep.Wanted couch() {
        return new AppDirectoriesStep.Wanted("staging_couch_db", "5984", "5984", 0750);
    }

    @Test
    void createsTheDirectoryWithOwnerGroupAndModeOnTheMountedVolume() {
        mounts.mountGlusterfs(SOURCE, MNT);

        ActionResult result = apply(step(false, couch()));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
        assertEquals(List.of("mkdir 0750 /mnt/staging_couch_db"), directories.changes());
        assertEquals(List.of("chown 5984:5984 /mnt/staging_couch_db"), ownership.changes());
    }

    @Test
    void secondRunChangesNothing() {
        mounts.mountGlusterfs(SOURCE, MNT);
        apply(step(false, couch()));

        ActionResult again = apply(step(false, couch()));

        assertEquals(Outcome.OUTCOME_UNCHANGED, again.getOutcome(), again.toString());
        assertEquals(1, directories.changes().size());
        assertEquals(1, ownership.changes().size());
    }

    @Test
    void nestedPathCreatesRootOwnedParentsAndOwnsOnlyTheLeaf() {
        mounts.mountGlusterfs(SOURCE, MNT);

        apply(step(false, new AppDirectoriesStep.Wanted("apps/couch/data", "5984", "5984", 02770)));

        assertEquals(List.of("mkdir 0755 /mnt/apps", "mkdir 0755 /mnt/apps/couch", "mkdir 2770 /mnt/apps/couch/data"),
                directories.changes());
        assertEquals(List.of("chown 5984:5984 /mnt/apps/couch/data"), ownership.changes());
    }

    @Test
    void wrongModeIsCorrectedWithoutRecreating() {
        mounts.mountGlusterfs(SOURCE, MNT);
        directories.directory(MNT.resolve("staging_couch_db"), 0777);
        ownership.owned(MNT.resolve("staging_couch_db"), "5984", "5984");

        ActionResult result = apply(step(false, couch()));

        assertEquals(List.of("chmod 0750 /mnt/staging_couch_db"), directories.changes());
        assertEquals(List.of("chmod 0750 /mnt/staging_couch_db (now 0777)"), result.getChangesList());
    }

    @Test
    void failsWhenNothingIsMountedSoNothingLandsOnTheLocalDisk() {
        directories.directory(MNT, 0755);

        ActionResult result = apply(step(false, couch()));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertTrue(result.getFailure().getMessage().contains("not mounted"), result.toString());
        assertEquals(List.of(), directories.changes());
        assertEquals(List.of(), ownership.changes());
    }

    @Test
    void aPlanBeforeTheMountSaysWhatWillBeCreatedOnceMounted() {
        ActionResult result = check(step(false, couch()));

        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, result.getOutcome());
        assertEquals(List.of("create /mnt/staging_couch_db owned by 5984:5984 mode 0750 once localhost:/gfs is mounted"
                + " on /mnt"), result.getChangesList());
    }

    @Test
    void refusesAnotherFileSystemMountedThere() {
        mounts.mount("/dev/sdb1", MNT, "ext4");

        ActionResult result = apply(step(false, couch()));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals(List.of(), directories.changes());
    }

    @Test
    void refusesASymlinkAnywhereOnThePath() {
        mounts.mountGlusterfs(SOURCE, MNT);
        directories.symlink(MNT.resolve("apps"), "/etc");

        ActionResult result = apply(step(false, new AppDirectoriesStep.Wanted("apps/couch", "5984", "5984", 0750)));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("/mnt/apps is a symlink (to /etc)"), result.getSummary());
        assertEquals(List.of(), directories.changes());
        assertEquals(List.of(), ownership.changes());
    }

    @Test
    void refusesAFileWhereADirectoryShouldBe() {
        mounts.mountGlusterfs(SOURCE, MNT);
        directories.file(MNT.resolve("staging_couch_db"));

        ActionResult result = apply(step(false, couch()));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertTrue(result.getSummary().contains("is a file"), result.getSummary());
    }

    @Test
    void unknownOwnerIsRefused() {
        mounts.mountGlusterfs(SOURCE, MNT);

        ActionResult result = apply(step(false, new AppDirectoriesStep.Wanted("db", "couchdb", "5984", 0750)));

        assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome());
        assertEquals(List.of(), directories.changes());
    }

    @Test
    void checkModeSaysWhatWouldBeCreatedAndCreatesNothing() {
        mounts.mountGlusterfs(SOURCE, MNT);

        ActionResult result = check(step(false, couch()));

        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, result.getOutcome());
        assertEquals(List.of("create /mnt/staging_couch_db owned by 5984:5984 mode 0750"), result.getChangesList());
        assertEquals(List.of(), directories.changes());
    }

    @Test
    void verifyOnlyNeverCreatesAndFailsWhenTheDirectoryDoesNotAppear() {
        mounts.mountGlusterfs(SOURCE, MNT);

        ActionResult result = apply(step(true, couch()));

        assertEquals(Outcome.OUTCOME_FAILED, result.getOutcome());
        assertTrue(result.getFailure().getMessage().contains("not visible"), result.toString());
        assertEquals(List.of(), directories.changes());
    }

    @Test
    void verifyOnlySucceedsUnchangedOnceTheDirectoryIsVisible() {
        mounts.mountGlusterfs(SOURCE, MNT);
        directories.directory(MNT.resolve("staging_couch_db"), 0750);
        ownership.owned(MNT.resolve("staging_couch_db"), "5984", "5984");

        ActionResult result = apply(step(true, couch()));

        assertEquals(Outcome.OUTCOME_UNCHANGED, result.getOutcome(), result.toString());
    }

    /** The attacks, on real directories: a container on the volume plays with links while the agent (root) works. */
    @Nested
    class OnRealDirectories {
        @TempDir
        Path volume;
        Path victim;

        @BeforeEach
        void hostDirectoryAndMountedVolume() throws IOException {
            assumeTrue("root".equals(System.getProperty("user.name")), "changing owners needs root");
            victim = Files.createDirectory(volume.resolve("host-var"));
            Files.setAttribute(victim, "unix:mode", 0755);
            mounts.mountGlusterfs(SOURCE, volume.resolve("mnt"));
            Files.createDirectory(volume.resolve("mnt"));
        }

        private AppDirectoriesStep realStep(Directories real, String path) {
            return new AppDirectoriesStep(SOURCE, volume.resolve("mnt"),
                    List.of(new AppDirectoriesStep.Wanted(path, "nobody", "nogroup", 0700)), false, mounts, real,
                    new NioOwnership(), context(ticker, Duration.ofSeconds(5)));
        }

        private void assertVictimUntouched() throws IOException {
            assertEquals("root", Files.getOwner(victim).getName());
            assertEquals(0755, (Integer) Files.getAttribute(victim, "unix:mode") & 07777);
            assertEquals(List.of(), List.of(victim.toFile().list()));
        }

        @Test
        void aSymlinkPlacedInThePathNeverGetsAHostDirectoryChowned() throws IOException {
            Files.createSymbolicLink(volume.resolve("mnt/apps"), victim);

            ActionResult result = apply(realStep(new NioDirectories(), "apps"));

            assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome(), result.toString());
            assertVictimUntouched();
        }

        @Test
        void aDirectorySwappedForASymlinkBetweenCheckAndApplyNeverGetsAHostDirectoryChowned() throws IOException {
            Path app = Files.createDirectory(volume.resolve("mnt/app"));
            AppDirectoriesStep step = realStep(new NioDirectories(), "app");
            assertEquals(Outcome.OUTCOME_WOULD_CHANGE, check(step).getOutcome());
            Files.move(app, volume.resolve("mnt/app.moved"));
            Files.createSymbolicLink(app, victim);

            StepFailedException failed = assertThrows(StepFailedException.class, step::apply);

            assertTrue(failed.getMessage().contains("is a symlink"), failed.getMessage());
            assertVictimUntouched();
        }

        @Test
        void aParentSwappedForASymlinkWhileTheWalkRunsNeverGetsAnythingCreatedOnTheHost() throws IOException {
            Path apps = Files.createDirectory(volume.resolve("mnt/apps"));
            Directories racing = RacingDirectories.swappingOnce(apps, () -> {
                Files.move(apps, volume.resolve("mnt/apps.moved"));
                Files.createSymbolicLink(apps, victim);
            });

            ActionResult result = apply(realStep(racing, "apps/couch"));

            assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome(), result.toString());
            assertVictimUntouched();
        }

        @Test
        void aMountPointOnAnotherGlusterfsMountIsRefused() throws IOException {
            mounts.mountGlusterfs("localhost:/other", volume);

            ActionResult result = apply(realStep(new NioDirectories(), "app"));

            assertEquals(Outcome.OUTCOME_REFUSED, result.getOutcome(), result.toString());
            assertTrue(result.getSummary().contains("lies on localhost:/other"), result.getSummary());
        }
    }
}
