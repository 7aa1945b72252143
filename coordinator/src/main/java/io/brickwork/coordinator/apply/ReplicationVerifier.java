package io.brickwork.coordinator.apply;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.brickwork.coordinator.gateway.AgentRegistry;
import io.brickwork.coordinator.gateway.AgentSession;
import io.brickwork.coordinator.spec.ClusterSpec;
import io.brickwork.coordinator.spec.VolumeSpec;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.ActionResult;
import io.brickwork.proto.agent.v1.Mode;
import io.brickwork.proto.agent.v1.Outcome;
import io.brickwork.proto.agent.v1.ReadProbe;
import io.brickwork.proto.agent.v1.RemoveProbe;
import io.brickwork.proto.agent.v1.WriteProbe;
import io.brickwork.proto.coordinator.v1.ProbeRead;
import io.brickwork.proto.coordinator.v1.VerifyResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;

/**
 * The seed's last check, automated: write a file through one node's mount, see it with the
 * same bytes through every other node's mount within a deadline, then remove it.
 */
public final class ReplicationVerifier {
    private static final Duration SMALL_ACTION = Duration.ofSeconds(10);

    private final AgentRegistry registry;
    private final Clock clock;
    private final Executor readPool;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param readPool runs the reads, one blocked task per node: not the common pool, which is
     *     sized to the coordinator's cores, not to the cluster's nodes
     */
    public ReplicationVerifier(AgentRegistry registry, Clock clock, Executor readPool) {
        this.registry = requireNonNull(registry, "registry is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.readPool = requireNonNull(readPool, "readPool is null");
    }

    public VerifyResponse verify(ClusterSpec spec, VolumeSpec volume, Duration timeout) {
        String writer = volume.nodes().get(0);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String fileName = ".brickwork-probe-" + HexFormat.of().formatHex(bytes, 0, 8);
        ByteString content = ByteString.copyFromUtf8("brickwork replication probe " + HexFormat.of().formatHex(bytes) + "\n");
        String mountPoint = volume.mount().path();
        VerifyResponse.Builder response = VerifyResponse.newBuilder()
                .setVolume(volume.name())
                .setWriter(writer)
                .setFileName(fileName);

        Optional<String> writeError = call(writer, ActionRequest.newBuilder()
                .setWriteProbe(WriteProbe.newBuilder().setMountPoint(mountPoint).setFileName(fileName).setContent(content)),
                SMALL_ACTION);
        if (writeError.isPresent()) {
            return response.setOk(false)
                    .addReads(ProbeRead.newBuilder().setNode(writer).setOk(false).setError("write: " + writeError.get()))
                    .build();
        }
        try {
            List<String> readers = spec.nodes().stream().filter(node -> !node.equals(writer)).toList();
            long start = clock.millis();
            List<CompletableFuture<ProbeRead>> reads = new ArrayList<>();
            for (String reader : readers) {
                reads.add(CompletableFuture.supplyAsync(() -> {
                    Optional<String> error = call(reader, ActionRequest.newBuilder()
                            .setReadProbe(ReadProbe.newBuilder()
                                    .setMountPoint(mountPoint).setFileName(fileName).setContent(content)),
                            timeout);
                    return ProbeRead.newBuilder()
                            .setNode(reader)
                            .setOk(error.isEmpty())
                            .setLatencyMs((int) (clock.millis() - start))
                            .setError(error.orElse(""))
                            .build();
                }, readPool));
            }
            boolean ok = true;
            for (CompletableFuture<ProbeRead> read : reads) {
                ProbeRead done = read.join();
                ok &= done.getOk();
                response.addReads(done);
            }
            return response.setOk(ok).build();
        } finally {
            call(writer, ActionRequest.newBuilder()
                    .setRemoveProbe(RemoveProbe.newBuilder().setMountPoint(mountPoint).setFileName(fileName)),
                    SMALL_ACTION);
        }
    }

    /** Runs one action in apply mode; empty when it succeeded, else why not. */
    private Optional<String> call(String node, ActionRequest.Builder action, Duration timeout) {
        Optional<AgentSession> session = registry.session(node);
        if (session.isEmpty()) {
            return Optional.of(node + " is not connected");
        }
        ActionRequest request = action.setId(UUID.randomUUID().toString())
                .setMode(Mode.MODE_APPLY)
                .setTimeoutMs((int) timeout.toMillis())
                .build();
        try {
            ActionResult result = session.get().send(request).get();
            if (result.getOutcome() == Outcome.OUTCOME_CHANGED || result.getOutcome() == Outcome.OUTCOME_UNCHANGED) {
                return Optional.empty();
            }
            String detail = result.hasFailure() && !result.getFailure().getMessage().isEmpty()
                    ? result.getFailure().getMessage() : result.getSummary();
            return Optional.of(detail.isEmpty() ? result.getOutcome().name() : detail);
        } catch (ExecutionException e) {
            return Optional.of(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
