package io.brickwork.lab.bench;

import io.brickwork.common.concurrent.DaemonThreads;
import io.brickwork.common.security.TlsContexts;
import io.brickwork.lab.bench.Enroller.NodeCredentials;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import io.brickwork.proto.coordinator.v1.NodeState;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How much the coordinator spends on a pool of 1,000 agents, and how fast it answers GetStatus
 * meanwhile. The coordinator runs as the packaged jar in its own JVM, so its CPU (from
 * /proc/PID/stat) and memory are its own; the simulated agents and the status caller share this
 * JVM, whose CPU is printed apart. Every agent joins with its own certificate and keeps its own
 * mutual-TLS connection, as real ones do; the connections share one small Netty event loop,
 * which is what a thousand machines would not, but the coordinator's side is the same.
 *
 * <p>Run with lab/bench/status-bench.sh. Exit code 0 when every target is met, 3 when one is
 * missed, 1 when the run itself failed, 2 for bad arguments.
 */
public final class StatusBenchmark {
    private static final double CPU_TARGET_PERCENT = 10;
    private static final double P99_TARGET_MILLIS = 100;
    private static final int CLIENT_EVENT_LOOP_THREADS = 2;
    private static final int CLIENT_CALLBACK_THREADS = 2;
    private static final int AGENT_TIMER_THREADS = 2;

    // gRPC sets SO_KEEPALIVE on every channel and Netty warns once per Unix-socket channel that it has none.
    private static final Logger NETTY_BOOTSTRAP = Logger.getLogger("io.grpc.netty.shaded.io.netty.bootstrap");

    private StatusBenchmark() {}

    public static void main(String[] args) {
        NETTY_BOOTSTRAP.setLevel(Level.SEVERE);
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("StatusBenchmark: " + e.getMessage() + "\n" + BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        int exit;
        try {
            exit = run(options) ? 0 : 3;
        } catch (IOException | RuntimeException e) {
            System.err.println("StatusBenchmark failed: " + e);
            e.printStackTrace();
            exit = 1;
        } catch (InterruptedException e) {
            System.err.println("StatusBenchmark interrupted");
            exit = 1;
        }
        // gRPC's shared threads are not all daemons; the shutdown hook stops the coordinator.
        System.exit(exit);
    }

    /** @return whether every target was met */
    private static boolean run(BenchmarkOptions options) throws IOException, InterruptedException {
        SimulatedPool pool = new SimulatedPool(options.agents());
        int cpus = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "Brickwork status benchmark: %d agents, GetStatus %.1f/s, %d s measured after"
                        + " %d s warm-up, %d CPUs%n", options.agents(), options.statusPerSecond(),
                options.measured().toSeconds(), options.warmup().toSeconds(), cpus);

        long started = System.nanoTime();
        try (CoordinatorProcess coordinator = CoordinatorProcess.start(options.coordinatorJar(),
                options.coordinatorJavaOpts(), pool.appliedSpec())) {
            System.out.printf(Locale.ROOT, "coordinator: pid %d, java %s -jar %s serve, 127.0.0.1:%d, ready in %.1f s%n",
                    coordinator.pid(), String.join(" ", options.coordinatorJavaOpts()), options.coordinatorJar(),
                    coordinator.port(), seconds(System.nanoTime() - started));
            return measure(options, pool, coordinator);
        }
    }

    private static boolean measure(BenchmarkOptions options, SimulatedPool pool, CoordinatorProcess coordinator)
            throws IOException, InterruptedException {
        EventLoopGroup eventLoop = new NioEventLoopGroup(CLIENT_EVENT_LOOP_THREADS, DaemonThreads.named("agent-netty"));
        ExecutorService callbacks = Executors.newFixedThreadPool(CLIENT_CALLBACK_THREADS, DaemonThreads.named("agent-callback"));
        ScheduledExecutorService agentTimer = Executors.newScheduledThreadPool(AGENT_TIMER_THREADS,
                DaemonThreads.named("agent-timer"));
        ScheduledExecutorService statusTimer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("status-caller"));
        ManagedChannel admin = Grpc.newChannelBuilder("unix://" + coordinator.adminSocket(),
                InsecureChannelCredentials.create()).build();
        List<ManagedChannel> channels = new ArrayList<>();
        List<SimulatedAgent> agents = new ArrayList<>();
        try {
            long phase = System.nanoTime();
            List<NodeCredentials> credentials = new Enroller(admin, coordinator.port()).joinAll(pool.nodes());
            System.out.printf(Locale.ROOT, "enrolment: 1 token (admin socket), %d joins with CSRs in %.1f s%n",
                    credentials.size(), seconds(System.nanoTime() - phase));

            phase = System.nanoTime();
            SimulatedAgent.Counters counters = new SimulatedAgent.Counters();
            CountDownLatch welcomed = new CountDownLatch(credentials.size());
            // Spread the dials over one report interval, so the reports that start with each
            // welcome are spread over it too, as they are in a pool that has been running a while.
            long dialGapNanos = TimeUnit.SECONDS.toNanos(5) / credentials.size();
            for (int i = 0; i < credentials.size(); i++) {
                ManagedChannel channel = agentChannel(credentials.get(i), coordinator.port(), eventLoop, callbacks);
                channels.add(channel);
                SimulatedAgent agent = new SimulatedAgent(i, pool, agentTimer, counters, welcomed);
                agents.add(agent);
                agent.connect(channel);
                TimeUnit.NANOSECONDS.sleep(dialGapNanos);
            }
            if (!welcomed.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException((credentials.size() - welcomed.getCount()) + " of "
                        + credentials.size() + " agents welcomed after 120 s; coordinator log:\n"
                        + coordinator.logTail(20));
            }
            System.out.printf(Locale.ROOT, "agents: %d mutual-TLS connections (one per agent, %d Netty client threads"
                            + " shared), all welcomed in %.1f s%n", channels.size(), CLIENT_EVENT_LOOP_THREADS,
                    seconds(System.nanoTime() - phase));

            StatusProber prober = new StatusProber(admin, statusTimer, options.statusPerSecond());
            prober.start();
            System.out.printf(Locale.ROOT, "warm-up: %d s%n", options.warmup().toSeconds());
            TimeUnit.MILLISECONDS.sleep(options.warmup().toMillis());

            Snapshot before = Snapshot.take(coordinator, counters);
            prober.nextWindow();
            System.out.printf(Locale.ROOT, "measuring: %d s%n", options.measured().toSeconds());
            long peakRssKib = 0;
            long end = System.nanoTime() + options.measured().toNanos();
            while (System.nanoTime() < end) {
                TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.SECONDS.toNanos(1), Math.max(0, end - System.nanoTime())));
                peakRssKib = Math.max(peakRssKib, coordinator.statusKib("VmRSS").orElse(0));
            }
            StatusProber.Window measured = prober.nextWindow();
            Snapshot after = Snapshot.take(coordinator, counters);
            prober.stop();
            // The slowest calls of the window are the ones still on their way back.
            if (!measured.awaitCalls()) {
                System.out.println("some GetStatus calls neither answered nor failed past their deadline");
            }

            // jcmd attaches to the coordinator: only after the CPU window has closed.
            CoordinatorProcess.HeapFigures heap = coordinator.heap();
            coordinator.collectGarbage();
            CoordinatorProcess.HeapFigures live = coordinator.heap();
            long rssKib = coordinator.statusKib("VmRSS").orElse(0);
            OptionalLong hwmKib = coordinator.statusKib("VmHWM");

            return report(options, before, after, measured, prober.lastResponse(), agents, heap, live, rssKib,
                    peakRssKib, hwmKib);
        } finally {
            agents.forEach(SimulatedAgent::stop);
            statusTimer.shutdownNow();
            agentTimer.shutdownNow();
            channels.forEach(ManagedChannel::shutdownNow);
            admin.shutdownNow();
            callbacks.shutdownNow();
            eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static ManagedChannel agentChannel(NodeCredentials node, int port, EventLoopGroup eventLoop,
            ExecutorService callbacks) {
        ChannelCredentials credentials = TlsChannelCredentials.newBuilder()
                .keyManager(TlsContexts.keyManager(node.keys().getPrivate(), List.of(node.certificate())))
                .trustManager(TlsContexts.trustOnly(node.ca()))
                .build();
        // As the agent builds its channel (GatewayModule: keepalive, authority, callbacks on one executor),
        // except that the event loop and that executor are shared by every simulated agent.
        return NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", port), credentials)
                .overrideAuthority(Enroller.COORDINATOR_AUTHORITY)
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS)
                .eventLoopGroup(eventLoop)
                .channelType(NioSocketChannel.class)
                .executor(callbacks)
                .build();
    }

    private static boolean report(BenchmarkOptions options, Snapshot before, Snapshot after,
            StatusProber.Window measured, GetStatusResponse last, List<SimulatedAgent> agents,
            CoordinatorProcess.HeapFigures heap, CoordinatorProcess.HeapFigures live, long rssKib, long peakRssKib,
            OptionalLong hwmKib) {
        long wallNanos = after.wallNanos - before.wallNanos;
        double coordinatorCpu = 100.0 * (after.coordinatorCpuNanos - before.coordinatorCpuNanos) / wallNanos;
        double harnessCpu = 100.0 * (after.harnessCpuNanos - before.harnessCpuNanos) / wallNanos;
        List<Long> latencies = new ArrayList<>(measured.latencyNanos());
        latencies.sort(null);
        double p50 = millis(percentile(latencies, 0.50));
        double p99 = millis(percentile(latencies, 0.99));
        double max = latencies.isEmpty() ? Double.NaN : millis(latencies.get(latencies.size() - 1));
        long open = agents.stream().filter(SimulatedAgent::isOpen).count();

        System.out.println();
        System.out.printf(Locale.ROOT, "measured %.1f s: %d reports (%.0f/s, %.0f bytes each), %d heartbeats,"
                        + " %d GetStatus calls, %d failed, %d agent streams ended (%d of %d open at the end)%n",
                seconds(wallNanos), after.reports - before.reports,
                (after.reports - before.reports) / seconds(wallNanos),
                (double) (after.reportBytes - before.reportBytes) / Math.max(1, after.reports - before.reports),
                after.heartbeats - before.heartbeats, latencies.size(), measured.failures().size(),
                after.streamsEnded - before.streamsEnded, open, agents.size());
        measured.failures().stream().distinct().limit(5).forEach(failure -> System.out.println("  GetStatus " + failure));
        agents.stream().filter(agent -> !agent.isOpen()).limit(5)
                .forEach(agent -> System.out.println("  stream ended: " + agent.endStatus()));
        if (last != null) {
            long connected = last.getNodesList().stream().map(NodeInfo::getState)
                    .filter(NodeState.NODE_STATE_CONNECTED::equals).count();
            System.out.printf(Locale.ROOT, "last status: %d nodes (%d connected), %d volumes, %d mounts, health %s,"
                            + " %d problems, %.2f MB%n", last.getNodesCount(), connected, last.getVolumesCount(),
                    last.getMountsCount(), last.getHealth(), last.getProblemsCount(),
                    last.getSerializedSize() / 1e6);
        }

        boolean cpuOk = coordinatorCpu <= CPU_TARGET_PERCENT;
        boolean latencyOk = !latencies.isEmpty() && measured.failures().isEmpty() && p99 <= P99_TARGET_MILLIS;
        System.out.println();
        row("coordinator CPU, own JVM (/proc utime+stime)", pct(coordinatorCpu) + " of one core",
                "<= " + pct(CPU_TARGET_PERCENT), cpuOk ? "PASS" : "FAIL");
        // A call that hit its deadline would have taken longer still: its figure is a lower bound.
        String bound = measured.failures().isEmpty() ? "" : ">= ";
        row("GetStatus p50 latency (admin socket, " + latencies.size() + " calls)", bound + ms(p50), "", "");
        row("GetStatus p99 latency (admin socket)", bound + ms(p99), "<= " + ms(P99_TARGET_MILLIS),
                latencyOk ? "PASS" : "FAIL");
        row("GetStatus max latency", bound + ms(max), "", "");
        row("coordinator heap used at end (GC.heap_info)", mib(heap.usedKib()) + " of " + mib(heap.committedKib())
                + " committed", "", "");
        row("coordinator heap live after full GC", mib(live.usedKib()), "", "");
        row("coordinator RSS at end / peak sampled / VmHWM", mib(rssKib) + " / " + mib(peakRssKib) + " / "
                + (hwmKib.isPresent() ? mib(hwmKib.getAsLong()) : "?"), "", "");
        row("harness JVM CPU (agents + caller, MXBean)", pct(harnessCpu) + " of one core", "", "");
        System.out.println();
        System.out.println(cpuOk && latencyOk ? "RESULT: PASS" : "RESULT: FAIL");
        return cpuOk && latencyOk;
    }

    /** The figures read at the start and at the end of the measured period. */
    private record Snapshot(long wallNanos, long coordinatorCpuNanos, long harnessCpuNanos, long reports,
            long reportBytes, long heartbeats, long streamsEnded) {
        static Snapshot take(CoordinatorProcess coordinator, SimulatedAgent.Counters counters) throws IOException {
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new Snapshot(System.nanoTime(), coordinator.cpuNanos(), os.getProcessCpuTime(),
                    counters.reports.sum(), counters.reportBytes.sum(), counters.heartbeats.sum(),
                    counters.streamsEnded.sum());
        }
    }

    /** Nearest rank: the smallest value with at least {@code fraction} of all values at or below it. */
    private static long percentile(List<Long> sorted, double fraction) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(fraction * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static void row(String figure, String value, String target, String result) {
        System.out.printf(Locale.ROOT, "%-48s %-32s %-12s %s%n", figure, value, target, result);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double millis(long nanos) {
        return nanos < 0 ? Double.NaN : nanos / 1e6;
    }

    private static String pct(double percent) {
        return String.format(Locale.ROOT, "%.1f %%", percent);
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f ms", millis);
    }

    private static String mib(long kib) {
        return String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }

}
