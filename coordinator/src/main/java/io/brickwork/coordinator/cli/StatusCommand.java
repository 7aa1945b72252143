package io.brickwork.coordinator.cli;

import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.brickwork.proto.coordinator.v1.GetStatusRequest;
import io.brickwork.proto.coordinator.v1.GetStatusResponse;
import io.brickwork.proto.coordinator.v1.WatchStatusRequest;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "Health of nodes, bricks, heals, disks and mounts, as the agents report it. "
        + "Exit 0 healthy, 3 degraded, 4 failed.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = {"-w", "--watch"}, description = "Redraw on every change until interrupted.")
    boolean watch;

    @Option(names = "--all-contexts", description = "One line per context: its coordinator, health and number of "
            + "problems. Exit code: the worst of them (a coordinator that cannot be asked counts as 1, "
            + "between degraded and failed).")
    boolean allContexts;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        if (allContexts) {
            if (watch || client.targetGiven()) {
                throw new BadInputException("--all-contexts asks every context; it goes with neither --watch nor "
                        + "--coordinator, --tls-dir or --context");
            }
            return new AllContexts(client.contexts(), client.json()).show(out);
        }
        StatusView view = new StatusView(!client.json() && System.console() != null);
        try (ClientChannel connection = client.connect()) {
            ManagedChannel channel = connection.channel();
            if (!watch) {
                GetStatusResponse status = CoordinatorGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(30, TimeUnit.SECONDS)
                        .getStatus(GetStatusRequest.getDefaultInstance());
                show(out, view, status, false);
                return StatusView.exitCode(status);
            }
            // A watch has no deadline by nature; it ends when the user interrupts it or the coordinator stops.
            Iterator<GetStatusResponse> updates = CoordinatorGrpc.newBlockingStub(channel)
                    .watchStatus(WatchStatusRequest.getDefaultInstance());
            GetStatusResponse last = GetStatusResponse.getDefaultInstance();
            while (updates.hasNext()) {
                last = updates.next();
                show(out, view, last, true);
            }
            return StatusView.exitCode(last);
        }
    }

    private void show(PrintWriter out, StatusView view, GetStatusResponse status, boolean redraw) {
        if (client.json()) {
            out.println(Output.json(status));
        } else {
            if (redraw && System.console() != null) {
                out.print("\u001b[H\u001b[2J");
            }
            // Which environment this is, first: the question before every other on a multi-cluster seat.
            client.context().ifPresent(context -> out.printf("context %s (%s)%n", context.name(), client.describe()));
            view.print(out, status);
        }
        out.flush();
    }
}
