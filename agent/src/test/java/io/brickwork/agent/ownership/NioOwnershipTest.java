package io.brickwork.agent.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.brickwork.agent.directories.Directories;
import io.brickwork.agent.directories.NioDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioOwnershipTest {
    private final NioOwnership ownership = new NioOwnership();
    private final NioDirectories directories = new NioDirectories();

    @TempDir
    Path dir;

    @Test
    void aMissingGroupIsNamedInTheError() {
        NoSuchAccountException missing = assertThrows(NoSuchAccountException.class,
                () -> ownership.requireGroup("brickwork-no-such-group"));

        assertEquals("group 'brickwork-no-such-group' does not exist on this node", missing.getMessage());
    }

    @Test
    void aMissingUserIsNamedInTheError() {
        NoSuchAccountException missing = assertThrows(NoSuchAccountException.class,
                () -> ownership.requireUser("brickwork-no-such-user"));

        assertEquals("user 'brickwork-no-such-user' does not exist on this node", missing.getMessage());
    }

    @Test
    void comparesOwnersByIdSoNumbersAndNamesAgree() throws IOException, NoSuchAccountException {
        Path file = Files.createDirectory(dir.resolve("d"));
        String user = Files.getOwner(file).getName();
        long uid = ((Number) Files.getAttribute(file, "unix:uid")).longValue();
        long gid = ((Number) Files.getAttribute(file, "unix:gid")).longValue();

        try (Directories.Handle handle = directories.open(file)) {
            assertTrue(ownership.ownedBy(handle, user, Long.toString(gid)));
            assertTrue(ownership.ownedBy(handle, Long.toString(uid), Long.toString(gid)));
        }
    }

    @Test
    void setsOwnerAndGroupOfThePathOnlyNotWhatIsInside() throws IOException, NoSuchAccountException {
        assumeTrue(isRoot(), "changing owners needs root");
        Path root = Files.createDirectory(dir.resolve("mnt"));
        Path inside = Files.createFile(root.resolve("data"));

        try (Directories.Handle handle = directories.open(root)) {
            ownership.set(handle, "nobody", "nogroup");

            assertEquals(new Owners("nobody", "nogroup"), ownership.of(root));
            assertEquals(new Owners("root", "root"), ownership.of(inside));
            assertFalse(ownership.ownedBy(handle, "root", "root"));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
