package io.brickwork.coordinator.cli;

import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.brickwork.proto.coordinator.v1.ListNodesRequest;
import io.brickwork.proto.coordinator.v1.ListNodesResponse;
import io.brickwork.proto.coordinator.v1.NodeInfo;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "nodes", description = "List the nodes and whether their agents are connected.")
final class NodesCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        try (ClientChannel connection = client.connect()) {
            ManagedChannel channel = connection.channel();
            ListNodesResponse nodes = CoordinatorGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .listNodes(ListNodesRequest.getDefaultInstance());
            if (client.json()) {
                out.println(Output.json(nodes));
            } else {
                out.printf("%-16s %-12s %-16s %s%n", "NODE", "AGENT", "VERSION", "ADDRESSES");
                for (NodeInfo node : nodes.getNodesList()) {
                    out.printf("%-16s %-12s %-16s %s%n", node.getName(),
                            node.getConnected() ? "connected" : "DOWN", node.getAgentVersion(),
                            String.join(", ", node.getAddressesList()));
                }
            }
            return ExitCodes.OK;
        }
    }
}
