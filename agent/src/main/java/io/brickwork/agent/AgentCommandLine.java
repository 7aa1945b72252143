package io.brickwork.agent;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code brickwork-agent [--config FILE]} runs the agent;
 * {@code brickwork-agent join --token T --coordinator HOST:PORT --node-name NAME [--no-run] [--config FILE]}
 * joins the cluster first, then runs (or, with {@code --no-run}, exits and leaves running to the
 * systemd unit). Hand-parsed: five flags do not justify a CLI library
 * in the root process.
 */
record AgentCommandLine(Optional<Path> config, Optional<Join> join, boolean noRun, boolean version) {

    record Join(String token, String coordinator, String nodeName) {
        /** The token is a secret: keep it out of logs and exception messages. */
        @Override
        public String toString() {
            return "Join[coordinator=" + coordinator + ", nodeName=" + nodeName + "]";
        }
    }

    static final String USAGE = """
            usage: brickwork-agent [--config FILE]
                   brickwork-agent join --token TOKEN --coordinator HOST:PORT --node-name NAME [--no-run] [--config FILE]
            join --no-run: store the credentials and exit (then: systemctl start brickwork-agent).
            Settings: -Dbrickwork.agent.KEY=VALUE overrides any key of the config file.""";

    static AgentCommandLine parse(String... args) {
        Optional<Path> config = Optional.empty();
        String token = null;
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
                case "--coordinator" -> coordinator = value(args, ++i, arg);
                case "--node-name" -> nodeName = value(args, ++i, arg);
                case "--no-run" -> noRun = true;
                case "--version" -> version = true;
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (!join && (token != null || coordinator != null || nodeName != null || noRun)) {
            throw new IllegalArgumentException("--token, --coordinator, --node-name and --no-run belong to 'join'");
        }
        if (join && (token == null || coordinator == null || nodeName == null)) {
            throw new IllegalArgumentException("join needs --token, --coordinator and --node-name");
        }
        return new AgentCommandLine(config, join ? Optional.of(new Join(token, coordinator, nodeName)) : Optional.empty(),
                noRun, version);
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }
}
