package io.brickwork.coordinator.cli;

import io.brickwork.proto.coordinator.v1.ApplyEvent;
import io.brickwork.proto.coordinator.v1.ApplyFinished;
import io.brickwork.proto.coordinator.v1.ApplyRequest;
import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "apply", description = "Make the cluster match the spec, as an operation with live progress (Ctrl-C"
        + " detaches, the operation goes on). Exit 0 ok, 1 failed, 2 bad input.")
final class ApplyCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "SPEC", description = "The cluster spec (HOCON).")
    Path file;

    @Option(names = "--skip-verify", description = "Skip the final replication check.")
    boolean skipVerify;

    @Option(names = "--force-unmount", description = "A node leaving the cluster has its volume mounts detached even"
            + " while processes use them (umount -l); without it that is refused, naming the processes.")
    boolean forceUnmount;

    @Option(names = "--allow-downtime", description = "Allow what takes volumes offline for a while: switching a"
            + " running cluster to TLS (volumes stopped, glusterd restarted everywhere, mounts remounted). Without it"
            + " such an apply is refused and nothing changes; `brickwork plan` says what it would do and for how long.")
    boolean allowDowntime;

    @Option(names = "--timeout", paramLabel = "MINUTES", defaultValue = "60",
            description = "Give up after this many minutes (default: ${DEFAULT-VALUE}).")
    long timeoutMinutes;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        String spec = SpecFile.read(file, command.commandLine().getErr());
        try (ClientChannel connection = client.connect()) {
            ManagedChannel channel = connection.channel();
            Iterator<ApplyEvent> events = CoordinatorGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(timeoutMinutes, TimeUnit.MINUTES)
                    .apply(ApplyRequest.newBuilder()
                            .setSpec(spec)
                            .setSpecOrigin(file.toString())
                            .setSkipVerify(skipVerify)
                            .setForceUnmount(forceUnmount)
                            .setAllowDowntime(allowDowntime)
                            .build());
            ApplyFinished finished = null;
            OperationView view = new OperationView();
            while (events.hasNext()) {
                ApplyEvent event = events.next();
                if (client.json()) {
                    out.println(Output.json(event));
                } else {
                    view.print(out, event);
                }
                out.flush();
                if (event.hasFinished()) {
                    finished = event.getFinished();
                }
            }
            if (finished == null) {
                command.commandLine().getErr().println("error: the coordinator ended the apply without a result");
                return ExitCodes.FAILED;
            }
            if (!client.json()) {
                summary(out, finished);
            }
            return finished.getSuccess() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private static void summary(PrintWriter out, ApplyFinished finished) {
        if (finished.hasFirstFailure()) {
            out.println();
            out.println("FAILED: " + finished.getFirstFailure().getNode() + " / " + finished.getFirstFailure().getStep()
                    + ": " + finished.getFirstFailure().getSummary());
            Output.failure(out, finished.getFirstFailure());
        }
        if (finished.hasVerify()) {
            VerifyCommand.print(out, finished.getVerify());
        }
        if (finished.getDowntimeMs() > 0) {
            out.printf("downtime: the volumes were offline for %.1f s%n", finished.getDowntimeMs() / 1000.0);
        }
        out.printf("apply: %s — %d changed, %d failed, %.1f s%n",
                finished.getSuccess() ? (finished.getChangedCount() == 0 ? "nothing to do" : "ok") : "failed",
                finished.getChangedCount(), finished.getFailedCount(), finished.getDurationMs() / 1000.0);
    }
}
