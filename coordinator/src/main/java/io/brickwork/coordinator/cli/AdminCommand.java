package io.brickwork.coordinator.cli;

import com.google.protobuf.ByteString;
import io.brickwork.common.security.Csr;
import io.brickwork.common.security.Identity;
import io.brickwork.common.security.KeyPairs;
import io.brickwork.common.security.Pem;
import io.brickwork.common.security.Role;
import io.brickwork.common.security.SecureFiles;
import io.brickwork.proto.coordinator.v1.AdminGrpc;
import io.brickwork.proto.coordinator.v1.CertificateInfo;
import io.brickwork.proto.coordinator.v1.CertificateRole;
import io.brickwork.proto.coordinator.v1.ListCertificatesRequest;
import io.brickwork.proto.coordinator.v1.ListCertificatesResponse;
import io.brickwork.proto.coordinator.v1.RevokeCertificateRequest;
import io.brickwork.proto.coordinator.v1.RevokeCertificateResponse;
import io.brickwork.proto.coordinator.v1.IssueAdminCertificateRequest;
import io.brickwork.proto.coordinator.v1.IssueAdminCertificateResponse;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "admin", description = "Administrator credentials.",
        subcommands = {AdminCommand.Cert.class, AdminCommand.ListCertificates.class, AdminCommand.Revoke.class})
final class AdminCommand {

    @Command(name = "cert", description = "Make an admin key here and have the coordinator certify it; "
            + "writes admin.key (0600), admin.crt and ca.crt to DIR. Only as root on the coordinator's host "
            + "(over its local socket): an admin certificate cannot mint another.")
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
                        + " (certificate serial " + Pem.certificate(response.getCertificatePem()).getSerialNumber().toString(16)
                        + "); use them with --tls-dir " + out);
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "list", description = "List the admin certificates the coordinator issued that have not expired.")
    static final class ListCertificates implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Option(names = "--all", description = "Node certificates too.")
        boolean all;

        @Spec
        CommandSpec command;

        @Override
        public Integer call() {
            try (ClientChannel connection = client.connect()) {
                ManagedChannel channel = connection.channel();
                ListCertificatesResponse response = AdminGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .listCertificates(ListCertificatesRequest.newBuilder()
                                .setRole(all ? CertificateRole.CERTIFICATE_ROLE_UNSPECIFIED : CertificateRole.CERTIFICATE_ROLE_ADMIN)
                                .build());
                PrintWriter out = command.commandLine().getOut();
                if (client.json()) {
                    out.println(Output.json(response));
                    return ExitCodes.OK;
                }
                out.printf("%-34s %-64s %-6s %-20s %-22s %s%n", "SERIAL", "FINGERPRINT (SHA-256)", "ROLE", "NAME",
                        "EXPIRES", "REVOKED");
                for (CertificateInfo certificate : response.getCertificatesList()) {
                    out.printf("%-34s %-64s %-6s %-20s %-22s %s%n", certificate.getSerial(),
                            certificate.getFingerprintSha256(),
                            certificate.getRole() == CertificateRole.CERTIFICATE_ROLE_NODE ? "node" : "admin",
                            certificate.getName(),
                            Instant.ofEpochMilli(certificate.getExpiresUnixMs()).toString().substring(0, 19) + "Z",
                            certificate.getRevoked() ? "yes" : "no");
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "revoke", description = "Revoke one certificate, admin or node, by its serial or SHA-256 fingerprint "
            + "(from admin list): refused on every call from then on, and its open calls and streams are cut.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(index = "0", paramLabel = "SERIAL|FINGERPRINT")
        String certificate;

        @Spec
        CommandSpec command;

        @Override
        public Integer call() {
            try (ClientChannel connection = client.connect()) {
                ManagedChannel channel = connection.channel();
                RevokeCertificateResponse response = AdminGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .revokeCertificate(RevokeCertificateRequest.newBuilder().setCertificate(certificate).build());
                CertificateInfo revoked = response.getCertificate();
                String who = revoked.getName().isEmpty() ? "(not in the coordinator's record)"
                        : (revoked.getRole() == CertificateRole.CERTIFICATE_ROLE_NODE ? "node " : "admin ") + revoked.getName();
                command.commandLine().getOut().println(client.json() ? Output.json(response)
                        : "revoked certificate " + (revoked.getSerial().isEmpty() ? "sha256:" + revoked.getFingerprintSha256()
                                : "serial " + revoked.getSerial()) + " " + who
                                + (response.getCallsCut() > 0 ? "; " + response.getCallsCut() + " open call(s) cut" : ""));
                return ExitCodes.OK;
            }
        }
    }
}
