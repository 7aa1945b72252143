package io.brickwork.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.enroll.TokenSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AgentCommandLineTest {
    @Test
    void joinWithNoRunJoinsAndDoesNotRun() {
        AgentCommandLine line = AgentCommandLine.parse("join", "--token", "T", "--coordinator", "m1:7443",
                "--node-name", "m1", "--no-run");
        assertTrue(line.join().isPresent());
        assertTrue(line.noRun());
    }

    @Test
    void joinWithoutNoRunRunsAfterJoining() {
        AgentCommandLine line = AgentCommandLine.parse("join", "--token", "T", "--coordinator", "m1:7443",
                "--node-name", "m1");
        assertFalse(line.noRun());
    }

    @Test
    void noRunWithoutJoinIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentCommandLine.parse("--no-run"));
        assertTrue(e.getMessage().contains("--no-run"), e.getMessage());
    }

    @Test
    void joinTakesTheTokenFromAFileSoItIsNotInArgv() {
        AgentCommandLine line = AgentCommandLine.parse("join", "--token-file", "/root/token", "--coordinator",
                "m1:7443", "--node-name", "m1");

        assertEquals(new TokenSource.File(Path.of("/root/token")), line.join().orElseThrow().token());
    }

    @Test
    void tokenFileDashReadsStdin() {
        AgentCommandLine line = AgentCommandLine.parse("join", "--token-file", "-", "--coordinator", "m1:7443",
                "--node-name", "m1", "--no-run");

        assertEquals(new TokenSource.Stdin(), line.join().orElseThrow().token());
    }

    @Test
    void tokenAndTokenFileTogetherAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentCommandLine.parse("join",
                "--token", "T", "--token-file", "-", "--coordinator", "m1:7443", "--node-name", "m1"));

        assertTrue(e.getMessage().contains("not both"), e.getMessage());
    }

    @Test
    void joinWithoutAnyTokenNamesTokenFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentCommandLine.parse("join", "--coordinator", "m1:7443", "--node-name", "m1"));

        assertTrue(e.getMessage().contains("--token-file"), e.getMessage());
    }

    @Test
    void theJoinNeverPrintsItsToken() {
        AgentCommandLine line = AgentCommandLine.parse("join", "--token", "SECRET", "--coordinator", "m1:7443",
                "--node-name", "m1");

        assertFalse(line.toString().contains("SECRET"), line.toString());
    }
}
