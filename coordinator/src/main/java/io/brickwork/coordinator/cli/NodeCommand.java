package io.brickwork.coordinator.cli;

import io.brickwork.proto.coordinator.v1.AdminGrpc;
import io.brickwork.proto.coordinator.v1.RevokeNodeRequest;
import io.brickwork.proto.coordinator.v1.RevokeNodeResponse;
import io.grpc.ManagedChannel;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "node", description = "Manage nodes.", subcommands = NodeCommand.Revoke.class)
final class NodeCommand {

    @Command(name = "revoke", description = "Cut a node's stream now and refuse it (and any re-join under its name) from then on.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(index = "0", paramLabel = "NAME")
        String node;

        @Spec
        CommandSpec command;

        @Override
        public Integer call() {
            try (ClientChannel connection = client.connect()) {
                ManagedChannel channel = connection.channel();
                RevokeNodeResponse response = AdminGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .revokeNode(RevokeNodeRequest.newBuilder().setNode(node).build());
                command.commandLine().getOut().println(client.json() ? Output.json(response)
                        : "revoked node " + node + (response.getDisconnected() ? "; its agent was disconnected" : ""));
                return ExitCodes.OK;
            }
        }
    }
}
