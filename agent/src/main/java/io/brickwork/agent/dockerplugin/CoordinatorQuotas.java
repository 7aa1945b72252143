package io.brickwork.agent.dockerplugin;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gateway.GatewayClient;
import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.QuotaLimit;
import io.brickwork.agent.system.CommandException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link DirectoryQuotas} through the agent's stream to the coordinator (setting) and the node's
 * glusterd (reading). Both are bounded well inside the plugin call's own time.
 */
final class CoordinatorQuotas implements DirectoryQuotas {
    private final GatewayClient gateway;
    private final GlusterCli cli;
    private final Duration setTimeout;
    private final Duration readTimeout;

    CoordinatorQuotas(GatewayClient gateway, GlusterCli cli, Duration setTimeout, Duration readTimeout) {
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.setTimeout = requireNonNull(setTimeout, "setTimeout is null");
        this.readTimeout = requireNonNull(readTimeout, "readTimeout is null");
    }

    @Override
    public void limit(String volume, String directory, long bytes) throws DockerVolumeRequestException,
            InterruptedException {
        CompletableFuture<String> answer = gateway.requestQuota(volume, directory, bytes);
        String refusal;
        try {
            refusal = answer.get(setTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new DockerVolumeRequestException("option quota: cannot ask the coordinator: "
                    + e.getCause().getMessage());
        } catch (TimeoutException e) {
            answer.cancel(false);
            throw new DockerVolumeRequestException("option quota: the coordinator did not answer within "
                    + setTimeout.toSeconds() + " s");
        }
        if (!refusal.isEmpty()) {
            throw new DockerVolumeRequestException("option quota: the coordinator refused: " + refusal);
        }
    }

    @Override
    public Optional<QuotaLimit> read(String volume, String directory) throws DockerVolumeRequestException {
        try {
            return cli.quotaLimit(volume, directory, readTimeout);
        } catch (CommandException e) {
            throw new DockerVolumeRequestException("cannot read the quota of /" + directory + " on " + volume + ": "
                    + e.getMessage());
        }
    }
}
