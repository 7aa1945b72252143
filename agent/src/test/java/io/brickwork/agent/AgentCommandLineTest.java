package io.brickwork.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
