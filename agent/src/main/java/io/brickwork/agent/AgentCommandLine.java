package io.brickwork.agent;

import io.brickwork.agent.enroll.TokenSource;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code brickwork-agent [--config FILE]} runs the agent;
 * {@code brickwork-agent join --token-file FILE|- --coordinator HOST:PORT --node-name NAME [--no-run] [--config FILE]}
 * joins the cluster first, then runs (or, with {@code --no-run}, exits and leaves running to the
 * systemd unit). The token comes from a file or stdin ({@code -}), where ps cannot see it;
 * {@code --token TOKEN} still works. Hand-parsed: six flags do not justify a CLI library in the
 * root process.
 */
record AgentCommandLine(Optional<Path> config, Optional<Join> join, boolean noRun, boolean version) {

    record Join(TokenSource token, String coordinator, String nodeName) {
        /** The token is a secret: keep it out of logs and exception messages. */
        @Override
        public String toString() {
            return "Join[coordinator=" + coordinator + ", nodeName=" + nodeName + "]";
        }
    }

    static final String USAGE = """
            usage: brickwork-agent [--config FILE]
                   brickwork-agent join --token-file FILE|- --coordinator HOST:PORT --node-name NAME [--no-run] [--config FILE]
            join --token-file -: read the token from stdin. --token TOKEN also works, but shows the
              token to every local user (ps) while joining.
            join --no-run: store the credentials and exit (then: systemctl start brickwork-agent).
            Settings: -Dbrickwork.agent.KEY=VALUE overrides any key of the config file.""";

    static AgentCommandLine parse(String... args) {
        Optional<Path> config = Optional.empty();
        String token = null;
        String tokenFile = null;
        String coordinator = null;
        String nodeName = null;
        boolean join = false;
        boolean version = false;
        boolean noRun = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "join" -> {
                    if (i != 0) {
                        throw new IllegalArgumentException("'join' must come first");
                    }
                    join = true;
                }
                case "--config", "-c" -> config = Optional.of(Path.of(value(args, ++i, arg)));
                case "--token" -> token = value(args, ++i, arg);
                case "--token-file" -> tokenFile = tokenFileValue(args, ++i);
                case "--coordinator" -> coordinator = value(args, ++i, arg);
                case "--node-name" -> nodeName = value(args, ++i, arg);
                case "--no-run" -> noRun = true;
                case "--version" -> version = true;
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (!join && (token != null || tokenFile != null || coordinator != null || nodeName != null || noRun)) {
            throw new IllegalArgumentException(
                    "--token, --token-file, --coordinator, --node-name and --no-run belong to 'join'");
        }
        if (join && token != null && tokenFile != null) {
            throw new IllegalArgumentException("join takes --token-file or --token, not both");
        }
        if (join && ((token == null && tokenFile == null) || coordinator == null || nodeName == null)) {
            throw new IllegalArgumentException("join needs --token-file (or --token), --coordinator and --node-name");
        }
        TokenSource source = token != null ? new TokenSource.Inline(token)
                : tokenFile == null ? null
                : tokenFile.equals("-") ? new TokenSource.Stdin() : new TokenSource.File(Path.of(tokenFile));
        return new AgentCommandLine(config, join ? Optional.of(new Join(source, coordinator, nodeName)) : Optional.empty(),
                noRun, version);
    }

    /** Like {@link #value}, but "-" (stdin) is a value here. */
    private static String tokenFileValue(String[] args, int index) {
        if (index < args.length && args[index].equals("-")) {
            return "-";
        }
        return value(args, index, "--token-file");
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }
}
