package io.brickwork.agent.dockerplugin;

import io.brickwork.common.validation.Validation;

/**
 * A Docker volume's name is the name of its directory on the Brickwork volume, so it must be
 * one plain path segment: the project's name rule (letters, digits, '.', '_', '-', first a
 * letter or digit, at most 64 characters) keeps out "..", "/", NUL, spaces and shell
 * metacharacters, and a leading letter or digit keeps it off the volume's own ".brickwork".
 */
final class DockerVolumeName {
    private DockerVolumeName() {}

    static String check(String name) throws DockerVolumeRequestException {
        if (name == null) {
            throw new DockerVolumeRequestException("the request names no volume (Name)");
        }
        var problem = Validation.nameProblem(name);
        if (problem.isPresent()) {
            throw new DockerVolumeRequestException("volume name '" + Printable.of(name) + "' " + problem.get());
        }
        return name;
    }
}
