package io.brickwork.coordinator.cli;

import io.brickwork.common.validation.Validation;
import io.brickwork.coordinator.spec.SpecException;
import io.brickwork.coordinator.spec.SpecParser;
import io.brickwork.coordinator.swarm.DockerSwarmApi;
import io.brickwork.coordinator.swarm.SpecFromSwarm;
import io.brickwork.coordinator.swarm.SwarmApi;
import io.brickwork.coordinator.swarm.SwarmException;
import io.brickwork.coordinator.swarm.SwarmNode;
import io.brickwork.coordinator.swarm.SwarmSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brickwork init --from-swarm > cluster.conf}: a first spec from the Swarm this machine
 * manages, read through the local Docker socket (so it runs where the operator runs docker).
 */
@Command(name = "init", description = "Write a first cluster spec to stdout. Changes nothing.")
final class InitCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Option(names = "--from-swarm", required = true,
            description = "Take the nodes from the Docker Swarm this machine manages (docker node ls).")
    boolean fromSwarm;

    @Option(names = "--volume", paramLabel = "NAME", defaultValue = "swarm-gfs",
            description = "Name of the volume (default: ${DEFAULT-VALUE}).")
    String volume;

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = "swarm",
            description = "Name of the cluster (default: ${DEFAULT-VALUE}).")
    String clusterName;

    @Option(names = "--docker-host", paramLabel = "URI", defaultValue = DockerSwarmApi.DEFAULT_HOST,
            description = "The Swarm manager's Engine API (default: ${DEFAULT-VALUE}).")
    String dockerHost;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Validation.nameProblem(volume).ifPresent(problem -> {
            throw new BadInputException("--volume '" + volume + "' " + problem);
        });
        Validation.nameProblem(clusterName).ifPresent(problem -> {
            throw new BadInputException("--cluster-name '" + clusterName + "' " + problem);
        });
        SwarmSettings.dockerHostProblem(dockerHost).ifPresent(problem -> {
            throw new BadInputException("--docker-host '" + dockerHost + "' " + problem);
        });
        List<SwarmNode> nodes;
        try (SwarmApi swarm = new DockerSwarmApi(dockerHost, TIMEOUT)) {
            nodes = swarm.nodes();
        } catch (SwarmException e) {
            throw new ClientSetupException(e.getMessage());
        }
        if (nodes.isEmpty()) {
            throw new ClientSetupException("the Swarm at " + dockerHost + " lists no nodes");
        }
        String spec = SpecFromSwarm.render(nodes, clusterName, volume);
        try {
            SpecParser.parse(spec, "init --from-swarm");
        } catch (SpecException e) {
            throw new ClientSetupException("the Swarm's nodes do not make a valid spec (" + e.getMessage()
                    + "); write the spec by hand");
        }
        command.commandLine().getOut().print(spec);
        command.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
