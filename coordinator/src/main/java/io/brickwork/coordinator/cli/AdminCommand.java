package io.brickwork.coordinator.cli;

import com.google.protobuf.ByteString;
import io.brickwork.common.security.Csr;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.KeyPairs;
import io.brickwork.common.security.Pem;
import io.brickwork.common.security.Role;
import io.brickwork.common.security.SecureFiles;
import io.brickwork.proto.coordinator.v1.AdminGrpc;
import io.brickwork.proto.coordinator.v1.IssueAdminCertificateRequest;
import io.brickwork.proto.coordinator.v1.IssueAdminCertificateResponse;
import io.grpc.ManagedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "admin", description = "Administrator credentials.", subcommands = AdminCommand.Cert.class)
final class AdminCommand {

    @Command(name = "cert", description = "Make an admin key here and have the coordinator certify it; "
            + "writes admin.key (0600), admin.crt and ca.crt to DIR.")
    static final class Cert implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Option(names = "--out", required = true, paramLabel = "DIR")
        Path out;

        @Option(names = "--name", defaultValue = "admin", paramLabel = "NAME",
                description = "Who the certificate names, for the audit log (default: ${DEFAULT-VALUE}).")
        String name;

        @Spec
        CommandSpec command;

        @Override
        public Integer call() {
            KeyPair keys = KeyPairs.generate();
            byte[] csr = Csr.create(keys, new Identity(Role.ADMIN, name));
            try (ClientChannel connection = client.connect()) {
                ManagedChannel channel = connection.channel();
                IssueAdminCertificateResponse response = AdminGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .issueAdminCertificate(IssueAdminCertificateRequest.newBuilder()
                                .setName(name).setCsrDer(ByteString.copyFrom(csr)).build());
                SecureFiles.ensurePrivateDirectory(out);
                SecureFiles.writePrivate(out.resolve("admin.key"), Pem.encode(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII));
                SecureFiles.writePublic(out.resolve("admin.crt"), response.getCertificatePem().getBytes(StandardCharsets.US_ASCII));
                SecureFiles.writePublic(out.resolve("ca.crt"), response.getCaCertificatePem().getBytes(StandardCharsets.US_ASCII));
                command.commandLine().getOut().println("admin credentials for '" + name + "' written to " + out
                        + "; use them with --tls-dir " + out);
                return ExitCodes.OK;
            }
        }
    }
}
