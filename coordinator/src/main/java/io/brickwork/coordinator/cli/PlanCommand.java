package io.brickwork.coordinator.cli;

import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.brickwork.proto.coordinator.v1.PlanRequest;
import io.brickwork.proto.coordinator.v1.PlanResponse;
import io.brickwork.proto.coordinator.v1.StepReport;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plan", description = "Show what apply would change, per node and step. Changes nothing.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "SPEC", description = "The cluster spec (HOCON).")
    Path file;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        String spec = SpecFile.read(file, command.commandLine().getErr());
        try (ClientChannel connection = client.connect()) {
            ManagedChannel channel = connection.channel();
            PlanResponse plan = CoordinatorGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(5, TimeUnit.MINUTES)
                    .plan(PlanRequest.newBuilder().setSpec(spec).setSpecOrigin(file.toString()).build());
            if (client.json()) {
                out.println(Output.json(plan));
            } else {
                for (StepReport step : plan.getStepsList()) {
                    Output.step(out, step);
                }
                out.println(plan.getChangeCount() == 0
                        ? "plan: nothing to do"
                        : "plan: " + plan.getChangeCount() + " step(s) would change");
            }
            return ExitCodes.OK;
        }
    }
}
