package io.brickwork.agent.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathRootsTest {
    @TempDir
    Path dir;

    @Test
    void aRootAndEverythingBelowItIsInside() {
        PathRoots roots = new PathRoots(List.of(dir.resolve("gluster")));

        assertEquals(Optional.empty(), roots.lexicalProblem(dir.resolve("gluster")));
        assertEquals(Optional.empty(), roots.lexicalProblem(dir.resolve("gluster/a/b")));
        assertTrue(roots.lexicalProblem(dir.resolve("glusterfs")).isPresent());
        assertTrue(roots.lexicalProblem(dir).isPresent());
    }

    @Test
    void aPathThatDoesNotExistYetResolvesThroughItsExistingParent() {
        PathRoots roots = new PathRoots(List.of(dir.resolve("gluster")));

        assertEquals(Optional.empty(), roots.realProblem(dir.resolve("gluster/not/yet")));
    }

    @Test
    void aSymlinkInsideARootLeadingOutIsRefused() throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(dir.resolve("gluster"));
        Files.createSymbolicLink(dir.resolve("gluster/brick"), etc);
        PathRoots roots = new PathRoots(List.of(dir.resolve("gluster")));

        assertEquals(Optional.empty(), roots.lexicalProblem(dir.resolve("gluster/brick")));
        assertEquals(Optional.of("resolves to " + etc.toRealPath() + ", which is not inside " + dir.resolve("gluster")),
                roots.realProblem(dir.resolve("gluster/brick")));
    }

    @Test
    void aSymlinkThatStaysInsideTheRootIsFine() throws IOException {
        Path data = Files.createDirectories(dir.resolve("gluster/data"));
        Files.createSymbolicLink(dir.resolve("gluster/brick"), data);
        PathRoots roots = new PathRoots(List.of(dir.resolve("gluster")));

        assertEquals(Optional.empty(), roots.realProblem(dir.resolve("gluster/brick/sub")));
    }

    @Test
    void aDanglingSymlinkIsRefusedBecauseMkdirWouldFollowIt() throws IOException {
        Files.createDirectories(dir.resolve("gluster"));
        Files.createSymbolicLink(dir.resolve("gluster/brick"), dir.resolve("etc/new"));
        PathRoots roots = new PathRoots(List.of(dir.resolve("gluster")));

        assertTrue(roots.realProblem(dir.resolve("gluster/brick")).orElseThrow().startsWith("cannot be resolved"));
    }

    @Test
    void aRootThatIsItselfASymlinkCountsAsItsTarget() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data/gluster"));
        Files.createSymbolicLink(dir.resolve("gluster"), data);
        PathRoots roots = new PathRoots(List.of(dir.resolve("gluster")));

        assertEquals(Optional.empty(), roots.realProblem(dir.resolve("gluster/brick")));
    }
}
