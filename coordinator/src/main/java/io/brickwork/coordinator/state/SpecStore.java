package io.brickwork.coordinator.state;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The last spec applied successfully: the desired state that status and verify compare
 * GlusterFS against. GlusterFS itself stays the source of truth for what is; this file
 * only says what was asked for.
 */
public final class SpecStore {
    private static final String FILE_NAME = "applied-spec.conf";
    private final Path directory;

    public SpecStore(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    public Optional<String> load() {
        Path file = directory.resolve(FILE_NAME);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Atomic: a crash leaves the old spec or the new one, never half of one. The same spec
     * again (every re-apply) writes nothing, so a converged apply costs no fsync.
     */
    public synchronized void save(String hocon) {
        if (load().filter(hocon::equals).isPresent()) {
            return;
        }
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path temp = Files.createTempFile(directory, FILE_NAME, ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(hocon));
                channel.force(true);
            }
            Files.move(temp, directory.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(FILE_NAME), e);
        }
    }
}
