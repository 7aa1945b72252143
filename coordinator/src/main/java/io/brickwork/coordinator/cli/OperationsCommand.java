package io.brickwork.coordinator.cli;

import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.brickwork.proto.coordinator.v1.ListOperationsRequest;
import io.brickwork.proto.coordinator.v1.ListOperationsResponse;
import io.brickwork.proto.coordinator.v1.OperationState;
import io.brickwork.proto.coordinator.v1.OperationSummary;
import io.brickwork.proto.coordinator.v1.WatchOperationRequest;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "operations", description = "The running operation and the recent ones (an apply is one; a node"
        + " replacement with its heal is a long one).",
        subcommands = OperationsCommand.Watch.class)
final class OperationsCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        try (ClientChannel connection = client.connect()) {
            ListOperationsResponse operations = CoordinatorGrpc.newBlockingStub(connection.channel())
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .listOperations(ListOperationsRequest.getDefaultInstance());
            if (client.json()) {
                out.println(Output.json(operations));
            } else if (operations.getOperationsCount() == 0) {
                out.println("no operations yet");
            } else {
                operations.getOperationsList().forEach(operation -> OperationView.summary(out, operation));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "watch", description = "Re-attach to an operation: what it reported so far, then live progress"
            + " until it ends. Ctrl-C detaches; the operation goes on. Exit 0 succeeded, 1 failed.")
    static final class Watch implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(paramLabel = "ID", description = "The operation's id, as `brickwork operations` lists it.")
        String id;

        @Spec
        CommandSpec command;

        @Override
        public Integer call() {
            PrintWriter out = command.commandLine().getOut();
            OperationView view = new OperationView();
            try (ClientChannel connection = client.connect()) {
                CoordinatorGrpc.CoordinatorBlockingStub stub = CoordinatorGrpc.newBlockingStub(connection.channel());
                // No deadline on the stream: a heal may take hours; the call ends when the operation does.
                Iterator<ApplyEvent> events = stub.watchOperation(WatchOperationRequest.newBuilder().setId(id).build());
                while (events.hasNext()) {
                    ApplyEvent event = events.next();
                    if (client.json()) {
                        out.println(Output.json(event));
                    } else {
                        view.print(out, event);
                    }
                    out.flush();
                }
                OperationSummary ended = stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                        .listOperations(ListOperationsRequest.getDefaultInstance()).getOperationsList().stream()
                        .filter(operation -> operation.getId().equals(id)).findFirst().orElse(null);
                if (!client.json() && ended != null) {
                    out.println("operation " + id + " " + OperationView.state(ended.getState())
                            + (ended.getMessage().isEmpty() ? "" : ": " + ended.getMessage()));
                }
                return ended != null && ended.getState() == OperationState.OPERATION_STATE_SUCCEEDED ? ExitCodes.OK
                        : ExitCodes.FAILED;
            }
        }
    }
}
