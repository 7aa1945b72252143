package io.brickwork.agent.dockerplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.brickwork.agent.directories.Directories.Entry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VolumeDriverTest {
    private static final String CREATE = "{\"Name\":\"couchdb\",\"Opts\":{\"uid\":\"5984\",\"gid\":\"5984\","
            + "\"mode\":\"0750\"}}";

    @Test
    void activateNamesTheVolumeDriverAndTheScopeIsGlobal() {
        DriverFixture node = new DriverFixture();
        assertEquals("{\"Implements\":[\"VolumeDriver\"]}", node.call("/Plugin.Activate", "").toString());
        assertEquals("{\"Capabilities\":{\"Scope\":\"global\"}}",
                node.call("/VolumeDriver.Capabilities", "{}").toString());
    }

    @Test
    void createWritesOnlyTheRecordOnTheVolumeAndTheFirstMountMakesTheDirectoryWithOwnerAndMode() {
        DriverFixture node = new DriverFixture().mounted();

        assertEquals("", DriverFixture.err(node.call("/VolumeDriver.Create", CREATE)));
        assertEquals(List.of("mkdir 0700 /mnt/.brickwork", "mkdir 0700 /mnt/.brickwork/docker-volumes",
                "write 0600 /mnt/.brickwork/docker-volumes/couchdb.json"), node.directories.changes());

        JsonObject mounted = node.call("/VolumeDriver.Mount", "{\"Name\":\"couchdb\",\"ID\":\"abc123\"}");
        assertEquals("/mnt/couchdb", mounted.get("Mountpoint").getAsString(), mounted.toString());
        assertEquals(new Entry.Directory(0, 0, 0750), node.directories.inspect(Path.of("/mnt/couchdb")));
        assertEquals(List.of("chown 5984:5984 /mnt/couchdb"), node.ownership.changes());
        assertTrue(node.directories.content(Path.of("/mnt/.brickwork/docker-mounts/couchdb/node2.abc123")).isPresent());
    }

    @Test
    void listGetAndPathReadTheRecordOnTheVolume() {
        DriverFixture node = new DriverFixture().mounted();
        node.call("/VolumeDriver.Create", CREATE);

        assertEquals("{\"Volumes\":[{\"Name\":\"couchdb\",\"Mountpoint\":\"/mnt/couchdb\"}]}",
                node.call("/VolumeDriver.List", "").toString());
        JsonObject volume = node.call("/VolumeDriver.Get", "{\"Name\":\"couchdb\"}").getAsJsonObject("Volume");
        assertEquals("/mnt/couchdb", volume.get("Mountpoint").getAsString());
        assertEquals("staging-gfs", volume.getAsJsonObject("Status").get("brickwork-volume").getAsString());
        assertEquals("0750", volume.getAsJsonObject("Status").get("mode").getAsString());
        assertEquals("/mnt/couchdb", node.call("/VolumeDriver.Path", "{\"Name\":\"couchdb\"}").get("Mountpoint")
                .getAsString());
    }

    @Test
    void createAgainWithTheSameOptionsOrNoneIsAcceptedAndWithOthersRefused() {
        DriverFixture node = new DriverFixture().mounted();
        node.call("/VolumeDriver.Create", CREATE);

        assertEquals("", DriverFixture.err(node.call("/VolumeDriver.Create", CREATE)));
        assertEquals("", DriverFixture.err(node.call("/VolumeDriver.Create", "{\"Name\":\"couchdb\"}")));
        String other = DriverFixture.err(node.call("/VolumeDriver.Create",
                "{\"Name\":\"couchdb\",\"Opts\":{\"mode\":\"0700\"}}"));
        assertTrue(other.contains("exists on Brickwork volume staging-gfs with other options"), other);
    }

    @Test
    void mountIsRefusedNamingNodeAndMountWhenTheMountIsMissingAndNothingIsWritten() {
        DriverFixture node = new DriverFixture();

        String err = DriverFixture.err(node.call("/VolumeDriver.Mount", "{\"Name\":\"couchdb\",\"ID\":\"abc\"}"));

        assertEquals("brickwork on node2: refusing: /mnt is not mounted (Brickwork volume staging-gfs)", err);
        assertEquals(List.of(), node.directories.changes());
        assertTrue(DriverFixture.err(node.call("/VolumeDriver.Create", CREATE)).contains("/mnt is not mounted"));
        assertEquals(List.of(), node.directories.changes());
    }

    @Test
    void mountIsRefusedWhenTheMountHangsAndNothingIsWritten() throws InterruptedException {
        DriverFixture node = new DriverFixture().mounted();
        node.call("/VolumeDriver.Create", CREATE);
        List<String> before = node.directories.changes();
        CountDownLatch never = new CountDownLatch(1);
        node.hang(never);

        String err = DriverFixture.err(node.call("/VolumeDriver.Mount", "{\"Name\":\"couchdb\",\"ID\":\"abc\"}"));

        assertTrue(err.startsWith("brickwork on node2: refusing: /mnt (Brickwork volume staging-gfs) is hung"), err);
        assertEquals(before, node.directories.changes());
        never.countDown();
    }

    @Test
    void aCallBehindOneStuckInAHungMountIsRefusedNamingTheMountInsteadOfWaitingForIt() throws Exception {
        DriverFixture node = new DriverFixture().mounted();
        node.call("/VolumeDriver.Create", CREATE);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        node.beforeOpen = () -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        // Found safe, then stuck opening the volume: the mount hung between the check and the open.
        Thread stuck = new Thread(() -> node.call("/VolumeDriver.Mount", "{\"Name\":\"couchdb\",\"ID\":\"first\"}"));
        stuck.start();
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        node.hang(release);

        long started = System.nanoTime();
        String err = DriverFixture.err(node.call("/VolumeDriver.Mount", "{\"Name\":\"couchdb\",\"ID\":\"second\"}"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(err.startsWith("brickwork on node2: refusing: /mnt (Brickwork volume staging-gfs) is hung"), err);
        // One wait for the lock (200 ms) and one probe (200 ms), not the stuck call's whole time.
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
        assertEquals("{\"Implements\":[\"VolumeDriver\"]}", node.call("/Plugin.Activate", "").toString());
        release.countDown();
        stuck.join(5000);
    }

    @Test
    void aMountThatFinishesAfterDockerdWasToldItFailedLeavesNoMountRecord() {
        DriverFixture node = new DriverFixture().mounted();
        node.call("/VolumeDriver.Create", CREATE);
        PendingCall call = new PendingCall();
        node.beforeOpen = call::abandon;

        String err;
        try {
            err = DriverFixture.err(node.driver.handle("/VolumeDriver.Mount", "{\"Name\":\"couchdb\",\"ID\":\"late\"}",
                    call));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }

        assertTrue(err.contains("the mount of couchdb finished after dockerd was told it failed"), err);
        assertTrue(node.directories.content(Path.of("/mnt/.brickwork/docker-mounts/couchdb/node2.late")).isEmpty());
        node.beforeOpen = () -> {};
        assertEquals("", DriverFixture.err(node.call("/VolumeDriver.Remove", "{\"Name\":\"couchdb\"}")));
    }

    @Test
    void mountIsRefusedWhenTheMountDoesNotAnswerOrIsNotGlusterfs() {
        DriverFixture failing = new DriverFixture().mounted();
        failing.probe = mountPoint -> {
            throw new IOException("Transport endpoint is not connected");
        };
        assertTrue(DriverFixture.err(failing.call("/VolumeDriver.Mount", "{\"Name\":\"couchdb\",\"ID\":\"abc\"}"))
                .contains("/mnt (Brickwork volume staging-gfs) does not answer: Transport endpoint is not connected"));

        DriverFixture local = new DriverFixture();
        local.mountTable.mount("/dev/sda2", Path.of("/mnt"), "ext4");
        assertTrue(DriverFixture.err(local.call("/VolumeDriver.Mount", "{\"Name\":\"couchdb\",\"ID\":\"abc\"}"))
                .contains("/mnt has /dev/sda2 (ext4) mounted, not Brickwork volume staging-gfs"));
        assertEquals(List.of(), failing.directories.changes());
        assertEquals(List.of(), local.directories.changes());
    }

    @Test
    void aSymlinkWhereTheDirectoryWouldBeIsNeverFollowed() {
        DriverFixture node = new DriverFixture().mounted();
        node.call("/VolumeDriver.Create", CREATE);
        node.directories.symlink(Path.of("/mnt/couchdb"), "/etc");
        List<String> before = node.directories.changes();

        String err = DriverFixture.err(node.call("/VolumeDriver.Mount", "{\"Name\":\"couchdb\",\"ID\":\"abc\"}"));

        assertTrue(err.contains("/mnt/couchdb is a symlink (to /etc)"), err);
        assertEquals(before, node.directories.changes());
        assertEquals(List.of(), node.ownership.changes());
    }

    @Test
    void removeIsRefusedWhileMountedAnywhereAndThenMovesTheDataToTheTrash() throws IOException {
        DriverFixture node = new DriverFixture().mounted();
        node.call("/VolumeDriver.Create", CREATE);
        node.call("/VolumeDriver.Mount", "{\"Name\":\"couchdb\",\"ID\":\"abc\"}");
        // A container on node3 too: its claim is on the volume, seen from here.
        node.directories.file(Path.of("/mnt/.brickwork/docker-mounts/couchdb/node3.def"));

        String refused = DriverFixture.err(node.call("/VolumeDriver.Remove", "{\"Name\":\"couchdb\"}"));
        assertTrue(refused.contains("volume couchdb is still mounted for 2 container(s): on node2 (mount abc),"
                + " on node3 (mount def)"), refused);
        assertEquals(new Entry.Directory(0, 0, 0750), node.directories.inspect(Path.of("/mnt/couchdb")));

        node.call("/VolumeDriver.Unmount", "{\"Name\":\"couchdb\",\"ID\":\"abc\"}");
        node.call("/VolumeDriver.Unmount", "{\"Name\":\"couchdb\",\"ID\":\"def\"}");
        assertTrue(DriverFixture.err(node.call("/VolumeDriver.Remove", "{\"Name\":\"couchdb\"}")).contains(
                "still mounted for 1 container(s): on node3"), "node2 cannot unmount node3's container");
        try (var claims = node.directories.open(Path.of("/mnt/.brickwork/docker-mounts/couchdb"))) {
            claims.deleteFile("node3.def");
        }

        assertEquals("", DriverFixture.err(node.call("/VolumeDriver.Remove", "{\"Name\":\"couchdb\"}")));
        assertEquals(new Entry.Directory(0, 0, 0750),
                node.directories.inspect(Path.of("/mnt/.brickwork/trash/couchdb.20261204T180000Z")));
        assertEquals(new Entry.Missing(), node.directories.inspect(Path.of("/mnt/couchdb")));
        assertEquals(new Entry.Missing(),
                node.directories.inspect(Path.of("/mnt/.brickwork/docker-volumes/couchdb.json")));
        assertEquals("{\"Volumes\":[]}", node.call("/VolumeDriver.List", "").toString());
    }

    @Test
    void onRemoveDeleteDeletesTheTreeWithoutFollowingLinksAndTheDefaultKeepsIt() {
        DriverFixture node = new DriverFixture().mounted();
        node.directories.directory(Path.of("/etc"), 0755).file(Path.of("/etc/passwd"));
        assertEquals("", DriverFixture.err(node.call("/VolumeDriver.Create", "{\"Name\":\"scratch\",\"Opts\":{"
                + "\"on-remove\":\"delete\"}}")));
        node.call("/VolumeDriver.Mount", "{\"Name\":\"scratch\",\"ID\":\"abc\"}");
        node.directories.file(Path.of("/mnt/scratch/a")).directory(Path.of("/mnt/scratch/sub"), 0700)
                .file(Path.of("/mnt/scratch/sub/b")).symlink(Path.of("/mnt/scratch/sub/etc"), "/etc");
        node.call("/VolumeDriver.Unmount", "{\"Name\":\"scratch\",\"ID\":\"abc\"}");
        assertEquals("delete", node.call("/VolumeDriver.Get", "{\"Name\":\"scratch\"}").getAsJsonObject("Volume")
                .getAsJsonObject("Status").get("on-remove").getAsString());

        assertEquals("", DriverFixture.err(node.call("/VolumeDriver.Remove", "{\"Name\":\"scratch\"}")));

        String trashed = "/mnt/.brickwork/trash/scratch.20261204T180000Z";
        List<String> changes = node.directories.changes();
        assertEquals(List.of("mv /mnt/scratch " + trashed, "rm " + trashed + "/a", "rm " + trashed + "/sub/b",
                "rm " + trashed + "/sub/etc", "rmdir " + trashed + "/sub", "rmdir " + trashed),
                changes.subList(changes.indexOf("mv /mnt/scratch " + trashed), changes.indexOf("rmdir " + trashed) + 1));
        assertEquals(new Entry.Missing(), node.directories.inspect(Path.of(trashed)));
        assertEquals(new Entry.NotDirectory("a file"), node.directories.inspect(Path.of("/etc/passwd")),
                "followed the link");
        assertEquals(new Entry.Missing(), node.directories.inspect(Path.of("/mnt/.brickwork/docker-volumes/scratch.json")));
    }

    @Test
    void onRemoveDeleteIsRefusedForADirectoryThatIsAlreadyThere() {
        DriverFixture node = new DriverFixture().mounted();
        node.directories.directory(Path.of("/mnt/dogtracker"), 0750);

        String err = DriverFixture.err(node.call("/VolumeDriver.Create", "{\"Name\":\"dogtracker\",\"Opts\":{"
                + "\"on-remove\":\"delete\"}}"));

        assertTrue(err.contains("option on-remove=delete: /mnt/dogtracker is already there"), err);
        assertEquals(new Entry.Missing(), node.directories.inspect(Path.of("/mnt/.brickwork/docker-volumes/dogtracker.json")));
    }

    @Test
    void onRemoveTakesOnlyTrashOrDelete() {
        DriverFixture node = new DriverFixture().mounted();

        String err = DriverFixture.err(node.call("/VolumeDriver.Create", "{\"Name\":\"scratch\",\"Opts\":{"
                + "\"on-remove\":\"rm -rf\"}}"));

        assertTrue(err.contains("option on-remove='rm -rf': must be trash (keep the data in the trash on the volume)"
                + " or delete (delete it)"), err);
        assertEquals(List.of(), node.directories.changes());
    }

    @Test
    void withTwoVolumesTheVolumeOptionIsNeeded() {
        DriverFixture node = new DriverFixture(DriverFixture.FSTAB
                + "localhost:/other /mnt/other glusterfs defaults 0 0\n").mounted();
        String err = DriverFixture.err(node.call("/VolumeDriver.Create", "{\"Name\":\"x1\"}"));
        assertTrue(err.contains("this node has Brickwork volumes other, staging-gfs; say which with -o volume=NAME"),
                err);
    }

    @Test
    void aQuotaMakesTheDirectoryAtCreateHasTheCoordinatorLimitItAndInspectShowsGlustersCount() {
        DriverFixture node = new DriverFixture().mounted();

        assertEquals("", DriverFixture.err(node.call("/VolumeDriver.Create", "{\"Name\":\"couchdb\",\"Opts\":{"
                + "\"uid\":\"5984\",\"gid\":\"5984\",\"mode\":\"0750\",\"quota\":\"10MiB\"}}")));

        assertEquals(new Entry.Directory(0, 0, 0750), node.directories.inspect(Path.of("/mnt/couchdb")));
        assertEquals(List.of("chown 5984:5984 /mnt/couchdb"), node.ownership.changes());
        assertEquals(List.of("limit staging-gfs /couchdb 10485760"), node.quotaCalls);
        String record = new String(node.directories.content(Path.of("/mnt/.brickwork/docker-volumes/couchdb.json"))
                .orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(record.contains("\"quotaBytes\":10485760"), record);
        JsonObject status = node.call("/VolumeDriver.Get", "{\"Name\":\"couchdb\"}").getAsJsonObject("Volume")
                .getAsJsonObject("Status");
        assertEquals(10485760, status.get("quota-limit-bytes").getAsLong(), status.toString());
        assertEquals(3 * 1024 * 1024, status.get("quota-used-bytes").getAsLong(), status.toString());
        // Docker creates again on the other nodes, with the same options or none.
        assertEquals("", DriverFixture.err(node.call("/VolumeDriver.Create", "{\"Name\":\"couchdb\"}")));
        assertEquals(1, node.quotaCalls.size());
    }

    @Test
    void aQuotaTheCoordinatorRefusesLeavesNoDirectoryAndNoRecord() {
        DriverFixture node = new DriverFixture().mounted();
        node.quotaRefusal = "option quota: the coordinator refused: the manager node1 is not connected";

        String err = DriverFixture.err(node.call("/VolumeDriver.Create", "{\"Name\":\"couchdb\",\"Opts\":{"
                + "\"quota\":\"10GiB\"}}"));

        assertEquals("brickwork on node2: option quota: the coordinator refused: the manager node1 is not connected",
                err);
        assertEquals(new Entry.Missing(), node.directories.inspect(Path.of("/mnt/couchdb")));
        assertTrue(node.directories.content(Path.of("/mnt/.brickwork/docker-volumes/couchdb.json")).isEmpty());
    }

    @Test
    void anAbsurdQuotaIsRefusedBeforeAnythingIsAskedOrMade() {
        for (String quota : List.of("0", "1KiB", "2PiB", "-1", "1e9", "10 GiB", "10GB;rm", "99999999999999999TiB")) {
            DriverFixture node = new DriverFixture().mounted();

            String err = DriverFixture.err(node.call("/VolumeDriver.Create", "{\"Name\":\"couchdb\",\"Opts\":{"
                    + "\"quota\":\"" + quota + "\"}}"));

            assertTrue(err.contains("option quota='" + quota + "': must be a size from 1MiB to 1PiB"), err);
            assertEquals(List.of(), node.directories.changes(), quota);
            assertEquals(List.of(), node.quotaCalls, quota);
        }
    }
}
