package io.brickwork.agent.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingCommandRunnerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final RecordingCommandRunner runner = new RecordingCommandRunner();

    @Test
    void answersExpectedCommandsInOrderAndRecordsThem() throws CommandException {
        runner.expect("a").stdout("first");
        runner.expect("b").exits(2);

        assertEquals("first", runner.run(List.of("a"), TIMEOUT).stdout());
        assertEquals(2, runner.run(List.of("b"), TIMEOUT).exitCode());
        assertEquals(List.of(List.of("a"), List.of("b")), runner.calls());
        runner.assertDone();
    }

    @Test
    void failsLoudlyOnAnUnexpectedCommand() {
        runner.expect("gluster", "peer", "status");

        assertThrows(AssertionError.class, () -> runner.run(List.of("gluster", "peer", "probe", "x"), TIMEOUT));
    }

    @Test
    void failsLoudlyWhenNothingMoreWasExpected() {
        assertThrows(AssertionError.class, () -> runner.run(List.of("mount", "/mnt"), TIMEOUT));
    }

    @Test
    void failsOnLeftoverExpectations() {
        runner.expect("mount", "/mnt");

        assertThrows(AssertionError.class, runner::assertDone);
    }

    @Test
    void checksTheEnvironmentWhenAsked() {
        runner.expect("apt-get").withEnvironment(Map.of("DEBIAN_FRONTEND", "noninteractive"));

        assertThrows(AssertionError.class, () -> runner.run(List.of("apt-get"), Map.of(), TIMEOUT));
    }

    @Test
    void canTimeOutAfterTheCommandHadItsEffect() {
        int[] effects = {0};
        runner.expect("slow").does(() -> effects[0]++).timesOut();

        assertThrows(CommandTimeoutException.class, () -> runner.run(List.of("slow"), TIMEOUT));
        assertEquals(1, effects[0]);
    }
}
