package io.brickwork.agent.xattr;

import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.RecordingCommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GetfattrBrickXattrsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Path BRICK = Path.of("/gluster/brick");
    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final GetfattrBrickXattrs xattrs = new GetfattrBrickXattrs(runner);

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void readsTheVolumeIdAsACanonicalUuid() throws CommandException {
        expectGetfattr().stdout(sample("getfattr-volume-id.txt"));

        assertEquals(Optional.of("c3233a83-7896-4424-ba7c-c05ebca019de"), xattrs.volumeId(BRICK, TIMEOUT));
    }

    @Test
    void aDirectoryWithoutTheAttributeHoldsNoVolume() throws CommandException {
        expectGetfattr().exits(1).stderr("/gluster/brick: trusted.glusterfs.volume-id: No such attribute\n");

        assertEquals(Optional.empty(), xattrs.volumeId(BRICK, TIMEOUT));
    }

    @Test
    void aMissingDirectoryIsAnErrorNotAnEmptyBrick() {
        expectGetfattr().exits(1).stderr("getfattr: /gluster/brick: No such file or directory\n");

        assertThrows(CommandFailedException.class, () -> xattrs.volumeId(BRICK, TIMEOUT));
    }

    private RecordingCommandRunner.Expectation expectGetfattr() {
        return runner.expect("getfattr", "--absolute-names", "-n", "trusted.glusterfs.volume-id", "-e", "hex",
                "/gluster/brick");
    }
}
