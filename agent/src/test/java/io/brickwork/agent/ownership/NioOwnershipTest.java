package io.brickwork.agent.ownership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioOwnershipTest {
    private final NioOwnership ownership = new NioOwnership();

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
        Path file = Files.createFile(dir.resolve("f"));
        String user = Files.getOwner(file).getName();
        long uid = ((Number) Files.getAttribute(file, "unix:uid")).longValue();
        long gid = ((Number) Files.getAttribute(file, "unix:gid")).longValue();

        assertTrue(ownership.ownedBy(file, user, Long.toString(gid)));
        assertTrue(ownership.ownedBy(file, Long.toString(uid), Long.toString(gid)));
    }

    @Test
    void setsOwnerAndGroupOfThePathOnlyNotWhatIsInside() throws IOException, NoSuchAccountException {
        assumeTrue(isRoot(), "changing owners needs root");
        Path root = Files.createDirectory(dir.resolve("mnt"));
        Path inside = Files.createFile(root.resolve("data"));

        ownership.set(root, "nobody", "nogroup");

        assertEquals(new Owners("nobody", "nogroup"), ownership.of(root));
        assertEquals(new Owners("root", "root"), ownership.of(inside));
        assertFalse(ownership.ownedBy(root, "root", "root"));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
