package io.brickwork.agent.dockerplugin;

import io.brickwork.agent.gluster.QuotaLimit;
import java.util.Optional;

/**
 * Directory quotas for the driver. The limit is set by the coordinator, which checks the request
 * against the applied spec, has the manager's agent run it and audits it; reading what gluster
 * counts needs no one but the node's own glusterd.
 */
interface DirectoryQuotas {
    /** Sets a hard limit on the directory, which must exist; otherwise says why not. */
    void limit(String volume, String directory, long bytes) throws DockerVolumeRequestException,
            InterruptedException;

    /** What gluster counts and allows in the directory; empty when gluster lists no such directory. */
    Optional<QuotaLimit> read(String volume, String directory) throws DockerVolumeRequestException,
            InterruptedException;

    /** For nodes without a coordinator to ask (and tests): every quota is refused, none is read. */
    DirectoryQuotas NONE = new DirectoryQuotas() {
        @Override
        public void limit(String volume, String directory, long bytes) throws DockerVolumeRequestException {
            throw new DockerVolumeRequestException("directory quotas are not available on this node");
        }

        @Override
        public Optional<QuotaLimit> read(String volume, String directory) throws DockerVolumeRequestException {
            throw new DockerVolumeRequestException("directory quotas are not available on this node");
        }
    };
}
