package io.brickwork.agent.gluster;

import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.CommandResult;
import io.brickwork.agent.system.CommandRunner;
import io.brickwork.agent.system.RecordingCommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescingGlusterCliTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Records every command and holds each one until the test opens the gate. */
    private static final class GatedRunner implements CommandRunner {
        final List<List<String>> calls = new ArrayList<>();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        final Function<List<String>, CommandResult> answer;

        GatedRunner(Function<List<String>, CommandResult> answer) {
            this.answer = answer;
        }

        @Override
        public CommandResult run(List<String> argv, Map<String, String> environment, Duration timeout) {
            synchronized (calls) {
                calls.add(argv);
            }
            started.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answer.apply(argv);
        }

        int count() {
            synchronized (calls) {
                return calls.size();
            }
        }
    }

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private static CommandResult ok(List<String> argv, String stdout) {
        return new CommandResult(argv, 0, stdout, "", Duration.ofMillis(1));
    }

    @Test
    void anArbiterVolumeIsCreatedWithTheArbiterArgument() throws Exception {
        RecordingCommandRunner runner = new RecordingCommandRunner();
        runner.expect(GlusterSamples.gluster("volume", "create", "gfs", "replica", "3", "arbiter", "1",
                "node1:/gluster/brick", "node2:/gluster/brick", "node1:/gluster/arbiter", "force"))
                .stdout(sample("volume-create.xml"));
        GlusterCli cli = new CoalescingGlusterCli(new CliGlusterCli(runner));

        cli.createVolume("gfs", 3, 1, List.of("node1:/gluster/brick", "node2:/gluster/brick", "node1:/gluster/arbiter"),
                true, TIMEOUT);

        runner.assertDone();
    }

    @Test
    void overlappingIdenticalReadsShareOneCallAndTheNextReadRunsAgain() throws Exception {
        GatedRunner runner = new GatedRunner(argv -> ok(argv, sample("volume-info-started.xml")));
        GlusterCli cli = new CoalescingGlusterCli(new CliGlusterCli(runner));

        Future<Optional<VolumeInfo>> first = threads.submit(() -> cli.volumeInfo("gfs", TIMEOUT));
        assertTrue(runner.started.await(5, TimeUnit.SECONDS));
        Future<Optional<VolumeInfo>> second = threads.submit(() -> cli.volumeInfo("gfs", TIMEOUT));
        Thread.sleep(100); // the second caller is now waiting on the first call
        runner.gate.countDown();

        assertSame(first.get(5, TimeUnit.SECONDS), second.get(5, TimeUnit.SECONDS));
        assertEquals(1, runner.count(), "one gluster call for both: " + runner.calls);

        assertEquals("gfs", cli.volumeInfo("gfs", TIMEOUT).orElseThrow().name());
        assertEquals(2, runner.count(), "nothing is kept once the call returned");
    }

    @Test
    void differentReadsDoNotWaitForEachOther() throws Exception {
        GatedRunner runner = new GatedRunner(argv -> ok(argv, sample(argv.contains("peer")
                ? "peer-status-two-peers.xml" : "volume-info-started.xml")));
        GlusterCli cli = new CoalescingGlusterCli(new CliGlusterCli(runner));

        Future<?> info = threads.submit(() -> cli.volumeInfo("gfs", TIMEOUT));
        Future<?> other = threads.submit(() -> cli.volumeInfo("other", TIMEOUT));
        Future<?> peers = threads.submit(() -> cli.peerStatus(TIMEOUT));
        for (int i = 0; i < 50 && runner.count() < 3; i++) {
            Thread.sleep(20);
        }
        assertEquals(3, runner.count(), "three different reads, three calls running at once");
        runner.gate.countDown();
        info.get(5, TimeUnit.SECONDS);
        other.get(5, TimeUnit.SECONDS);
        peers.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aFailedCallFailsEveryoneWhoWaitedForIt() throws Exception {
        GatedRunner runner = new GatedRunner(argv -> new CommandResult(argv, 1, "", "Connection failed", Duration.ZERO));
        GlusterCli cli = new CoalescingGlusterCli(new CliGlusterCli(runner));

        Future<?> first = threads.submit(() -> cli.peerStatus(TIMEOUT));
        assertTrue(runner.started.await(5, TimeUnit.SECONDS));
        Future<?> second = threads.submit(() -> cli.peerStatus(TIMEOUT));
        Thread.sleep(100);
        runner.gate.countDown();

        ExecutionException one = assertThrows(ExecutionException.class, () -> first.get(5, TimeUnit.SECONDS));
        ExecutionException two = assertThrows(ExecutionException.class, () -> second.get(5, TimeUnit.SECONDS));
        assertInstanceOf(CommandFailedException.class, one.getCause());
        assertSame(one.getCause(), two.getCause());
        assertEquals(1, runner.count());
    }

    @Test
    void changesAreNeverShared() throws Exception {
        GatedRunner runner = new GatedRunner(argv -> ok(argv, sample("volume-start.xml")));
        runner.gate.countDown();
        GlusterCli cli = new CoalescingGlusterCli(new CliGlusterCli(runner));

        Future<?> first = threads.submit(() -> { cli.startVolume("gfs", TIMEOUT); return null; });
        Future<?> second = threads.submit(() -> { cli.startVolume("gfs", TIMEOUT); return null; });
        first.get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);

        assertEquals(2, runner.count());
    }
}
