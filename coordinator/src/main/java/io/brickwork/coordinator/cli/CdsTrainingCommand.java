package io.brickwork.coordinator.cli;

import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.ApplyFinished;
import io.brickwork.proto.coordinator.v1.ApplyRequest;
import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.brickwork.proto.coordinator.v1.GetStatusRequest;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.ListNodesRequest;
import io.brickwork.proto.coordinator.v1.ListNodesResponse;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import io.brickwork.proto.coordinator.v1.PlanRequest;
import io.brickwork.proto.coordinator.v1.PlanResponse;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/**
 * The launcher's training run for its class-data-sharing archive: runs the everyday client
 * commands (nodes, status, plan, apply, each in text and JSON; status through a context) against
 * a stand-in coordinator on a private Unix socket, so the archive holds exactly the classes those
 * commands load, whatever command the operator happens to run first. Touches nothing outside a temp directory.
 */
@Command(name = "cds-training", hidden = true,
        description = "Exercise the client commands against a stand-in coordinator (for the launcher's CDS archive).")
final class CdsTrainingCommand implements Callable<Integer> {
    private static final String SPEC = """
            cluster { name = training, manager = node1, nodes = [node1, node2, node3] }
            volumes = [{ name = training-gfs, replica = 3, brick = "/gluster/brick",
                         mount { path = "/mnt", owner = root, group = root } }]
            """;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("brickwork-cds-");
        Path socket = dir.resolve("coordinator.sock");
        Path spec = dir.resolve("spec.conf");
        EpollEventLoopGroup loop = new EpollEventLoopGroup(1);
        Server server = null;
        try {
            Files.writeString(spec, SPEC);
            server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()),
                            InsecureServerCredentials.create())
                    .channelType(EpollServerDomainSocketChannel.class)
                    .bossEventLoopGroup(loop)
                    .workerEventLoopGroup(loop)
                    .addService(new StandIn())
                    .build()
                    .start();
            String target = "unix:" + socket;
            PrintWriter sink = new PrintWriter(Writer.nullWriter());
            int failures = 0;
            for (String output : new String[] {"text", "json"}) {
                failures += exit(BrickworkCli.run(sink, sink, "nodes", "--coordinator", target, "-o", output));
                failures += exit(BrickworkCli.run(sink, sink, "status", "--coordinator", target, "-o", output));
                failures += exit(BrickworkCli.run(sink, sink, "plan", "-f", spec.toString(), "--coordinator", target, "-o", output));
                failures += exit(BrickworkCli.run(sink, sink, "apply", "-f", spec.toString(), "--coordinator", target,
                        "--skip-verify", "-o", output));
            }
            // A context of its own in the temp directory, never the user's: reading contexts is on
            // the path of every command run without flags.
            ContextStore contexts = new ContextStore(dir.resolve("config").resolve(ContextStore.FILE_NAME));
            failures += exit(BrickworkCli.run(sink, sink, contexts, "context", "add", "training", "--coordinator", target));
            failures += exit(BrickworkCli.run(sink, sink, contexts, "status"));
            BrickworkCli.commandLine().getUsageMessage();
            return failures == 0 ? 0 : 1;
        } finally {
            // Whatever failed, nothing is left in the temp directory.
            if (server != null) {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            Files.deleteIfExists(socket);
            Files.deleteIfExists(spec);
            Files.deleteIfExists(dir.resolve("config").resolve(ContextStore.FILE_NAME));
            Files.deleteIfExists(dir.resolve("config"));
            Files.deleteIfExists(dir);
        }
    }

    /** Status exits 3 or 4 on an unhealthy cluster; only a crash or a refused call counts. */
    private static int exit(int code) {
        return code == ExitCodes.BAD_INPUT || code == ExitCodes.FAILED ? 1 : 0;
    }

    /** Answers each call with a small, well-formed reply. */
    private static final class StandIn extends CoordinatorGrpc.CoordinatorImplBase {
        @Override
        public void listNodes(ListNodesRequest request, StreamObserver<ListNodesResponse> responses) {
            responses.onNext(ListNodesResponse.newBuilder()
                    .addNodes(NodeInfo.newBuilder().setName("node1").setConnected(true).addAddresses("127.0.0.1"))
                    .build());
            responses.onCompleted();
        }

        @Override
        public void getStatus(GetStatusRequest request, StreamObserver<GetStatusResponse> responses) {
            responses.onNext(GetStatusResponse.getDefaultInstance());
            responses.onCompleted();
        }

        @Override
        public void plan(PlanRequest request, StreamObserver<PlanResponse> responses) {
            responses.onNext(PlanResponse.getDefaultInstance());
            responses.onCompleted();
        }

        @Override
        public void apply(ApplyRequest request, StreamObserver<ApplyEvent> responses) {
            responses.onNext(ApplyEvent.newBuilder().setFinished(ApplyFinished.newBuilder().setSuccess(true)).build());
            responses.onCompleted();
        }
    }
}
