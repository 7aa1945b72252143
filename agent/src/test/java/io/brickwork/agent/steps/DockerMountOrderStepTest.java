package io.brickwork.agent.steps;

import static io.brickwork.agent.steps.StepTests.apply;
import static io.brickwork.agent.steps.StepTests.check;
import static io.brickwork.agent.steps.StepTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.files.AtomicFileWriter;
import io.brickwork.agent.services.SystemdManager;
import io.brickwork.agent.system.FakeTicker;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerMountOrderStepTest {
    @TempDir
    Path etc;

    private final List<String> systemctl = new ArrayList<>();
    private boolean systemdIsPid1;

    private final SystemdManager systemd = new SystemdManager() {
        @Override
        public boolean systemdManaged() {
            return systemdIsPid1;
        }

        @Override
        public void daemonReload(Duration timeout) {
            systemctl.add("daemon-reload");
        }
    };

    private Path dropIn() {
        return etc.resolve("systemd/system/docker.service.d/brickwork-mounts.conf");
    }

    private DockerMountOrderStep step(String... mounts) {
        return new DockerMountOrderStep(dropIn(), List.of(mounts).stream().map(Path::of).toList(), new AtomicFileWriter(),
                systemd, context(new FakeTicker()));
    }

    @Test
    void writesRequiresMountsForEachMountAndAfterRemoteFs() throws IOException {
        ActionResult result = apply(step("/mnt", "/srv/data"));

        assertEquals(Outcome.OUTCOME_CHANGED, result.getOutcome(), result.toString());
        String text = Files.readString(dropIn());
        assertTrue(text.contains("[Unit]\nRequiresMountsFor=/mnt\nRequiresMountsFor=/srv/data\nAfter=remote-fs.target\n"), text);
    }

    @Test
    void reloadsSystemdOnlyWhereItIsPid1() {
        apply(step("/mnt"));
        assertEquals(List.of(), systemctl);

        systemdIsPid1 = true;
        apply(step("/mnt", "/srv/data"));
        assertEquals(List.of("daemon-reload"), systemctl);
    }

    @Test
    void secondRunWritesNothingAndReloadsNothing() throws IOException {
        systemdIsPid1 = true;
        apply(step("/mnt"));

        ActionResult again = apply(step("/mnt"));

        assertEquals(Outcome.OUTCOME_UNCHANGED, again.getOutcome());
        assertEquals(List.of("daemon-reload"), systemctl);
        assertFalse(Files.exists(AtomicFileWriter.backupOf(dropIn())));
    }

    @Test
    void aChangedDropInIsReplacedWithABackupOfTheOld() throws IOException {
        Files.createDirectories(dropIn().getParent());
        Files.writeString(dropIn(), "[Unit]\nRequiresMountsFor=/old\n");

        apply(step("/mnt"));

        assertEquals("[Unit]\nRequiresMountsFor=/old\n", Files.readString(AtomicFileWriter.backupOf(dropIn())));
        assertTrue(Files.readString(dropIn()).contains("RequiresMountsFor=/mnt\n"));
    }

    @Test
    void checkModeWritesNothing() {
        ActionResult result = check(step("/mnt"));

        assertEquals(Outcome.OUTCOME_WOULD_CHANGE, result.getOutcome());
        assertFalse(Files.exists(dropIn()));
    }
}
