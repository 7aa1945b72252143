package io.brickwork.agent.fstab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FstabTest {
    private static final String OPTIONS = "defaults,_netdev,backupvolfile-server=localhost";
    private static final FstabEntry GFS = FstabEntry.glusterfs("localhost:/staging-gfs", "/mnt", OPTIONS);
    private static final String SEED_LINE = "localhost:/staging-gfs /mnt glusterfs " + OPTIONS + " 0 0\n";
    private static final String DEBIAN = """
            # /etc/fstab: static file system information.
            #
            # <file system> <mount point>   <type>  <options>       <dump>  <pass>
            UUID=0a1b2c3d-1111-2222-3333-444455556666 /               ext4    errors=remount-ro 0       1
            UUID=5e6f7a8b-1111-2222-3333-444455556666 none            swap    sw              0       0
            """;

    private final Fstab fstab = new Fstab();

    @Test
    void appendsTheLineWhenTheMountPointHasNone() throws FstabConflictException {
        FstabEdit edit = fstab.edit(DEBIAN, GFS);

        assertEquals(DEBIAN + SEED_LINE, edit.content());
        assertEquals(List.of("add " + SEED_LINE.strip()), edit.changes());
    }

    @Test
    void collapsesTheSeedsDuplicatedAppendIntoOneLine() throws FstabConflictException {
        FstabEdit edit = fstab.edit(DEBIAN + SEED_LINE + SEED_LINE, GFS);

        assertEquals(DEBIAN + SEED_LINE, edit.content());
        assertEquals(List.of("remove duplicate line 7: " + SEED_LINE.strip()), edit.changes());
    }

    @Test
    void convergedFileComesBackByteIdentical() throws FstabConflictException {
        FstabEdit edit = fstab.edit(DEBIAN + SEED_LINE, GFS);

        assertFalse(edit.changed());
        assertEquals(DEBIAN + SEED_LINE, edit.content());
    }

    @Test
    void keepsOurLineAsWrittenWhenOnlyItsWhitespaceDiffers() throws FstabConflictException {
        String tabbed = "localhost:/staging-gfs\t/mnt\tglusterfs\t" + OPTIONS + "\t0\t0\n";

        assertFalse(fstab.edit(tabbed, GFS).changed());
    }

    @Test
    void treatsMissingDumpAndPassAsZero() throws FstabConflictException {
        assertFalse(fstab.edit("localhost:/staging-gfs /mnt glusterfs " + OPTIONS + "\n", GFS).changed());
    }

    @Test
    void replacesOurOutdatedLineInPlaceAndDropsLaterOnes() throws FstabConflictException {
        String current = "# top\nnode1:/staging-gfs /mnt glusterfs defaults 0 0\n# middle\n"
                + "localhost:/staging-gfs /mnt glusterfs defaults,_netdev 0 0\n# end\n";

        FstabEdit edit = fstab.edit(current, GFS);

        assertEquals("# top\n" + SEED_LINE + "# middle\n# end\n", edit.content());
        assertEquals(2, edit.changes().size());
    }

    @Test
    void refusesWhenAnotherFilesystemUsesTheMountPoint() {
        String current = DEBIAN + "/dev/sdb1 /mnt ext4 defaults 0 2\n";

        FstabConflictException conflict = assertThrows(FstabConflictException.class, () -> fstab.edit(current, GFS));

        assertEquals(6, conflict.lineNumber());
        assertEquals("/dev/sdb1 /mnt ext4 defaults 0 2", conflict.line());
        assertTrue(conflict.getMessage().contains("line 6"));
    }

    @Test
    void refusesWhenAnotherVolumeUsesTheMountPoint() {
        String current = "localhost:/other /mnt glusterfs defaults 0 0\n";

        assertThrows(FstabConflictException.class, () -> fstab.edit(current, GFS));
    }

    @Test
    void leavesOurVolumeOnAnotherMountPointAlone() throws FstabConflictException {
        String elsewhere = "localhost:/staging-gfs /srv/old glusterfs defaults 0 0\n";

        FstabEdit edit = fstab.edit(elsewhere, GFS);

        assertEquals(elsewhere + SEED_LINE, edit.content());
    }

    @Test
    void readsOctalEscapesInTheMountPointField() throws FstabConflictException {
        FstabEntry spaced = FstabEntry.glusterfs("localhost:/gfs", "/mnt/with space", "defaults");
        String current = "localhost:/gfs /mnt/with\\040space glusterfs defaults 0 0\n";

        FstabEdit edit = fstab.edit(current, spaced);

        assertFalse(edit.changed());
    }

    @Test
    void writesOctalEscapesInTheMountPointField() {
        FstabEntry spaced = FstabEntry.glusterfs("localhost:/gfs", "/mnt/with space", "defaults");

        assertEquals("localhost:/gfs /mnt/with\\040space glusterfs defaults 0 0", spaced.line());
    }

    @Test
    void refusesAForeignLineWithEscapedMountPoint() {
        FstabEntry spaced = FstabEntry.glusterfs("localhost:/gfs", "/mnt/with space", "defaults");

        assertThrows(FstabConflictException.class,
                () -> fstab.edit("/dev/sdc1 /mnt/with\\040space xfs defaults 0 0\n", spaced));
    }

    @Test
    void ignoresCommentedOutLinesForTheMountPoint() throws FstabConflictException {
        String current = "#/dev/sdb1 /mnt ext4 defaults 0 2\n";

        FstabEdit edit = fstab.edit(current, GFS);

        assertEquals(current + SEED_LINE, edit.content());
    }

    @Test
    void addsTheMissingNewlineBeforeAppending() throws FstabConflictException {
        assertEquals("# only\n" + SEED_LINE, fstab.edit("# only", GFS).content());
    }

    @Test
    void removingTakesOutEveryLineOfOursForTheMountPointAndKeepsTheRestByteForByte() {
        String other = "localhost:/other-gfs /mnt/other glusterfs defaults 0 0\n";
        String operators = "/dev/sdb1   /mnt   ext4 defaults 0 2\n";

        FstabEdit edit = fstab.remove(DEBIAN + SEED_LINE + other + SEED_LINE + operators, "localhost:/staging-gfs",
                "/mnt");

        assertEquals(DEBIAN + other + operators, edit.content());
        assertEquals(List.of("remove line 6: " + SEED_LINE.strip(), "remove line 8: " + SEED_LINE.strip()),
                edit.changes());
        assertFalse(fstab.remove(DEBIAN + other, "localhost:/staging-gfs", "/mnt").changed());
    }
}
