package io.brickwork.coordinator.cli;

import io.brickwork.proto.coordinator.v1.CoordinatorGrpc;
import io.brickwork.proto.coordinator.v1.ProbeRead;
import io.brickwork.proto.coordinator.v1.VerifyRequest;
import io.brickwork.proto.coordinator.v1.VerifyResponse;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", description = "Write a file through one node's mount and read it on every other node.")
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "VOLUME")
    String volume;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        try (ClientChannel connection = client.connect()) {
            ManagedChannel channel = connection.channel();
            VerifyResponse response = CoordinatorGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(2, TimeUnit.MINUTES)
                    .verify(VerifyRequest.newBuilder().setVolume(volume).build());
            if (client.json()) {
                out.println(Output.json(response));
            } else {
                print(out, response);
            }
            return response.getOk() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    static void print(PrintWriter out, VerifyResponse response) {
        out.printf("replication of %s: %s — written on %s%n", response.getVolume(),
                response.getOk() ? "ok" : "FAILED", response.getWriter());
        for (ProbeRead read : response.getReadsList()) {
            out.printf("  %-10s %s%n", read.getNode(),
                    read.getOk() ? "read back in " + read.getLatencyMs() + " ms" : "FAILED: " + read.getError());
        }
    }
}
