package io.brickwork.coordinator.cli;

import io.brickwork.proto.coordinator.v1.AdminGrpc;
import io.brickwork.proto.coordinator.v1.CreateTokenRequest;
import io.brickwork.proto.coordinator.v1.CreateTokenResponse;
import io.brickwork.proto.coordinator.v1.ListTokensRequest;
import io.brickwork.proto.coordinator.v1.ListTokensResponse;
import io.brickwork.proto.coordinator.v1.RevokeTokenRequest;
import io.brickwork.proto.coordinator.v1.TokenInfo;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "token", description = "Join tokens for agents (brickwork-agent join --token ...).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

    @Command(name = "create", description = "Print a new join token.")
    static final class Create implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Option(names = "--ttl", paramLabel = "DURATION", description = "How long it stays valid, e.g. 30m, 1h, 2d (default: the coordinator's, 1h).")
        String ttl;

        @Option(names = "--uses", paramLabel = "N", defaultValue = "1", description = "How many nodes may join with it (default: ${DEFAULT-VALUE}).")
        int uses;

        @Option(names = "--node", paramLabel = "NAME", description = "Only this node may join with it (recommended: one single-use token per node).")
        String node;

        @Option(names = "--replace", description = "Let the join take the name of an enrolled node (a reinstalled or replaced machine): "
                + "the node's current certificate is revoked and its agent disconnected. Needs --node.")
        boolean replace;

        @Spec
        CommandSpec command;

        @Override
        public Integer call() {
            if (uses < 1) {
                throw new BadInputException("--uses must be at least 1");
            }
            if (replace && node == null) {
                throw new BadInputException("--replace needs --node NAME: a replacing token is for one node only");
            }
            CreateTokenRequest.Builder request = CreateTokenRequest.newBuilder().setUses(uses).setReplace(replace);
            if (node != null) {
                request.setNode(node);
            }
            if (ttl != null) {
                request.setTtlSeconds((int) Durations.parse("--ttl", ttl).toSeconds());
            }
            try (ClientChannel connection = client.connect()) {
                ManagedChannel channel = connection.channel();
                CreateTokenResponse response = AdminGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .createToken(request.build());
                PrintWriter out = command.commandLine().getOut();
                out.println(client.json() ? Output.json(response) : response.getToken());
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "list", description = "List join tokens (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Spec
        CommandSpec command;

        @Override
        public Integer call() {
            try (ClientChannel connection = client.connect()) {
                ManagedChannel channel = connection.channel();
                ListTokensResponse response = AdminGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .listTokens(ListTokensRequest.getDefaultInstance());
                PrintWriter out = command.commandLine().getOut();
                if (client.json()) {
                    out.println(Output.json(response));
                    return ExitCodes.OK;
                }
                out.printf("%-10s %-22s %-6s %-8s %-24s %s%n", "ID", "EXPIRES", "USES", "REVOKED", "NODE", "CREATED BY");
                for (TokenInfo token : response.getTokensList()) {
                    String node = token.getNode().isEmpty() ? "any" : token.getNode() + (token.getReplace() ? " (replace)" : "");
                    out.printf("%-10s %-22s %-6d %-8s %-24s %s%n", token.getId(),
                            Instant.ofEpochMilli(token.getExpiresUnixMs()).toString().substring(0, 19) + "Z",
                            token.getUsesLeft(), token.getRevoked() ? "yes" : "no", node, token.getCreatedBy());
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "revoke", description = "Revoke a join token by its id (from token list).")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Spec
        CommandSpec command;

        @Override
        public Integer call() {
            try (ClientChannel connection = client.connect()) {
                ManagedChannel channel = connection.channel();
                AdminGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .revokeToken(RevokeTokenRequest.newBuilder().setId(id).build());
                command.commandLine().getOut().println("revoked join token " + id);
                return ExitCodes.OK;
            }
        }
    }

    /** Durations as people write them: 90s, 30m, 1h, 2d. */
    static final class Durations {
        private Durations() {}

        static Duration parse(String option, String text) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([smhd])").matcher(text.strip());
            if (!m.matches()) {
                throw new BadInputException(option + " '" + text + "' must look like 90s, 30m, 1h or 2d");
            }
            long amount = Long.parseLong(m.group(1));
            Duration duration = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            if (duration.isZero()) {
                throw new BadInputException(option + " must be longer than zero");
            }
            return duration;
        }
    }
}
