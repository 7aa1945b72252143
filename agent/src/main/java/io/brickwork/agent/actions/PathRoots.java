package io.brickwork.agent.actions;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The directories an action may act in: a path is allowed when it is a root or below one.
 * Checked twice: on the text (no file system involved), and on the real path, so that a
 * symbolic link inside a root (/gluster/brick -> /etc) cannot lead outside it.
 */
final class PathRoots {
    private final List<Path> roots;

    PathRoots(List<Path> roots) {
        this.roots = List.copyOf(requireNonNull(roots, "roots is null"));
    }

    /** The path as written; it is absolute and normalized already. */
    Optional<String> lexicalProblem(Path path) {
        for (Path root : roots) {
            if (path.startsWith(root)) {
                return Optional.empty();
            }
        }
        return Optional.of("is not inside " + describe());
    }

    /**
     * The path with every symbolic link in its existing part resolved. A root may itself be a
     * link (an operator's choice), so both the root as written and its target count.
     */
    Optional<String> realProblem(Path path) {
        Path real;
        try {
            real = resolveExisting(path);
        } catch (IOException e) {
            return Optional.of("cannot be resolved (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        for (Path root : roots) {
            if (real.startsWith(root) || real.startsWith(resolvedRoot(root))) {
                return Optional.empty();
            }
        }
        return Optional.of("resolves to " + real + ", which is not inside " + describe());
    }

    /** The real path of the longest existing prefix, with the missing rest appended as written. */
    private static Path resolveExisting(Path path) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = path;
        // NOFOLLOW: a dangling link exists; toRealPath then fails on it, and that refuses the path.
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        Path real = existing == null ? path.getRoot() : existing.toRealPath();
        while (!missing.isEmpty()) {
            real = real.resolve(missing.pop());
        }
        return real;
    }

    private static Path resolvedRoot(Path root) {
        try {
            return resolveExisting(root);
        } catch (IOException e) {
            return root;
        }
    }

    private String describe() {
        return roots.size() == 1 ? roots.get(0).toString()
                : roots.stream().map(Path::toString).collect(Collectors.joining(", ", "any of ", ""));
    }
}
