package io.brickwork.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.brickwork.proto.common.v1.MountState;
import io.brickwork.proto.agent.v1.NodeReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** When reports go out: every interval, and at once on a change the cheap checks see. */
class PeriodicNodeReporterTest {
    /** Checks every 20 ms, reports hourly: only a change sends a report within a test. */
    private static final ReportSettings FAST_CHECKS = new ReportSettings(Duration.ofHours(1), Duration.ofMillis(20),
            Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMillis(200));
    /** The schedule's first tick reports; the next is an hour away, so the test drives the checks. */
    private static final ReportSettings HOURLY_CHECKS = new ReportSettings(Duration.ofSeconds(5), Duration.ofHours(1),
            Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMillis(200));

    @TempDir
    static Path tmp;
    @RegisterExtension
    final ReportFixture node = new ReportFixture(tmp);

    private final BlockingQueue<NodeReport> sent = new LinkedBlockingQueue<>();
    private final Consumer<NodeReport> sink = sent::add;

    @Test
    void aMountThatGoesAwayIsReportedAtOnceNotAtTheNextInterval() throws Exception {
        PeriodicNodeReporter reporter = node.reporter(FAST_CHECKS);
        reporter.start(sink);
        NodeReport first = sent.poll(5, TimeUnit.SECONDS);
        assertNotNull(first);
        assertEquals(MountState.MOUNT_STATE_OK, first.getMounts(0).getState());

        node.mountTable.clear();

        NodeReport second = sent.poll(5, TimeUnit.SECONDS);
        assertNotNull(second, "no report after the mount went away");
        assertEquals(MountState.MOUNT_STATE_NOT_MOUNTED, second.getMounts(0).getState());
        reporter.stop();
    }

    @Test
    void nothingChangedMeansNoReportBeforeTheInterval() throws Exception {
        PeriodicNodeReporter reporter = node.reporter(FAST_CHECKS);
        reporter.start(sink);
        assertNotNull(sent.poll(5, TimeUnit.SECONDS));

        NodeReport second = sent.poll(300, TimeUnit.MILLISECONDS);

        assertNull(second);
        reporter.stop();
    }

    @Test
    void aReportGoesOutWhenTheIntervalIsUpThoughNothingChanged() throws Exception {
        PeriodicNodeReporter reporter = startedAndFirstReportTaken();
        reporter.check(sink);
        assertNull(sent.poll(), "the interval is not up yet");

        node.ticker.sleep(Duration.ofSeconds(5));
        reporter.check(sink);

        assertNotNull(sent.poll());
    }

    @Test
    void aBrickProcessThatEndsIsReportedAtOnce() throws Exception {
        PeriodicNodeReporter reporter = startedAndFirstReportTaken();

        node.deadPids.add(28136);
        reporter.check(sink);

        NodeReport report = sent.poll();
        assertNotNull(report);
        assertEquals(false, report.getBricks(0).getOnline());
    }

    @Test
    void aStoppedReporterSendsNothing() throws Exception {
        PeriodicNodeReporter reporter = startedAndFirstReportTaken();
        reporter.stop();

        node.ticker.sleep(Duration.ofSeconds(5));
        reporter.check(sink);

        assertNull(sent.poll());
    }

    @Test
    void theWatchListsIntervalWinsOverTheDefault() {
        PeriodicNodeReporter reporter = node.reporter();

        reporter.watch(ReportFixture.WATCH.toBuilder().setReportIntervalMs(1500).build());

        assertEquals(Duration.ofMillis(1500), reporter.interval());
    }

    @Test
    void anIntervalAskedBelowTheFloorIsTheFloor() {
        PeriodicNodeReporter reporter = node.reporter();

        reporter.watch(ReportFixture.WATCH.toBuilder().setReportIntervalMs(10).build());

        assertEquals(ReportSettings.MIN_INTERVAL, reporter.interval());
    }

    private PeriodicNodeReporter startedAndFirstReportTaken() throws InterruptedException {
        PeriodicNodeReporter reporter = node.reporter(HOURLY_CHECKS);
        reporter.start(sink);
        assertNotNull(sent.poll(5, TimeUnit.SECONDS), "the first tick reports");
        return reporter;
    }
}
