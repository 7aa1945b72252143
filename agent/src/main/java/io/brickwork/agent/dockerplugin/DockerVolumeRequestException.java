package io.brickwork.agent.dockerplugin;

/** A request the driver refuses, with the sentence Docker shows its user; nothing was changed. */
public final class DockerVolumeRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    public DockerVolumeRequestException(String message) {
        super(message);
    }
}
