package io.brickwork.agent.gluster;

import static java.util.Objects.requireNonNull;

import io.brickwork.common.validation.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What glusterd itself persisted in its working directory ({@code /var/lib/glusterd}): read
 * without running the gluster CLI, which costs tens of milliseconds of CPU per call. Only for
 * facts that never change during a volume's life, such as its id; anything that does change
 * (status, options, peers) is asked of glusterd. An absent entry means "not known here", never
 * "does not exist": callers fall back to the CLI.
 */
public final class GlusterdStore {
    /** glusterd's default working directory (glusterd.vol: option working-directory). */
    public static final Path STANDARD = Path.of("/var/lib/glusterd");

    private final Path workdir;

    public GlusterdStore(Path workdir) {
        this.workdir = requireNonNull(workdir, "workdir is null");
    }

    /** glusterd's working directory. */
    public Path workdir() {
        return workdir;
    }

    /** The volume's id ({@code volume-id=} in vols/NAME/info), lower case; empty when not stored here. */
    public Optional<String> volumeId(String volume) throws IOException {
        requireNonNull(volume, "volume is null");
        Validation.nameProblem(volume).ifPresent(problem -> {
            throw new IllegalArgumentException("volume name '" + volume + "' " + problem);
        });
        List<String> lines;
        try {
            lines = Files.readAllLines(workdir.resolve("vols").resolve(volume).resolve("info"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            if (line.startsWith("volume-id=")) {
                String id = line.substring("volume-id=".length()).strip();
                return id.isEmpty() ? Optional.empty() : Optional.of(id.toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
