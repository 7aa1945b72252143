package io.brickwork.coordinator.cli;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import io.brickwork.common.net.HostPort;
import io.brickwork.common.security.InsecurePermissionsException;
import io.brickwork.common.security.SecureFiles;
import io.brickwork.common.validation.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The operator's named coordinators ("contexts") and which one is current, in
 * $XDG_CONFIG_HOME/brickwork/contexts.conf (else ~/.config/brickwork/contexts.conf).
 *
 * <p>The file says which coordinator to trust and with which credentials, so it is written 0600 in
 * a 0700 directory, atomically, and a file that group or others can write is refused: whoever
 * can change it can point the CLI at their own coordinator.
 */
final class ContextStore {
    static final String FILE_NAME = "contexts.conf";

    /** One named coordinator: its address and, for TCP, the directory with admin.crt, admin.key and ca.crt. */
    record Context(String name, String coordinator, Optional<Path> tlsDir) {
        Context {
            requireNonNull(name, "name is null");
            requireNonNull(coordinator, "coordinator is null");
            requireNonNull(tlsDir, "tlsDir is null");
        }
    }

    /** Every context by name, and the current one's name if there is one. */
    record Contexts(SortedMap<String, Context> byName, Optional<String> current) {
        static final Contexts NONE = new Contexts(new TreeMap<>(), Optional.empty());

        Contexts {
            byName = new TreeMap<>(byName);
            requireNonNull(current, "current is null");
        }

        Optional<Context> currentContext() {
            return current.map(byName::get);
        }
    }

    private final Path file;

    ContextStore(Path file) {
        this.file = requireNonNull(file, "file is null");
    }

    /** The user's store: XDG_CONFIG_HOME when set to an absolute path (as the XDG spec asks), else ~/.config. */
    static ContextStore forUser(Map<String, String> environment, String userHome) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path base = xdg != null && xdg.startsWith("/") ? Path.of(xdg) : Path.of(userHome, ".config");
        return new ContextStore(base.resolve("brickwork").resolve(FILE_NAME));
    }

    static ContextStore forUser() {
        return forUser(System.getenv(), System.getProperty("user.home"));
    }

    Path file() {
        return file;
    }

    /** A context name's problem in words, or empty when it is fine. */
    static Optional<String> nameProblem(String name) {
        return Validation.nameProblem(name);
    }

    /** An address's problem in words, or empty: host:port, or unix: and an absolute path. */
    static Optional<String> coordinatorProblem(String coordinator) {
        if (coordinator == null || coordinator.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (coordinator.startsWith("unix:")) {
            return coordinator.startsWith("unix:/") ? Optional.empty() : Optional.of("must be unix: and an absolute path");
        }
        return HostPort.parse(coordinator).isPresent() ? Optional.empty() : Optional.of("must be host:port or unix:/path");
    }

    /** The contexts, none when the file does not exist yet. */
    Contexts read() {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Contexts.NONE;
        }
        requireNotWritableByOthers(file);
        requireNotWritableByOthers(file.getParent());
        Config config;
        try {
            config = ConfigFactory.parseString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ClientSetupException("cannot read " + file + ": " + e.getMessage());
        } catch (ConfigException e) {
            throw new ClientSetupException(file + " is not valid: " + e.getMessage());
        }
        try {
            SortedMap<String, Context> byName = new TreeMap<>();
            for (Config entry : config.hasPath("contexts") ? config.getConfigList("contexts") : java.util.List.<Config>of()) {
                String name = entry.getString("name");
                nameProblem(name).ifPresent(problem -> {
                    throw new ClientSetupException(file + ": context name '" + name + "' " + problem);
                });
                String coordinator = entry.getString("coordinator");
                coordinatorProblem(coordinator).ifPresent(problem -> {
                    throw new ClientSetupException(file + ": context " + name + ": coordinator '" + coordinator + "' " + problem);
                });
                Optional<Path> tlsDir = entry.hasPath("tls-dir") ? Optional.of(Path.of(entry.getString("tls-dir")))
                        : Optional.empty();
                if (byName.put(name, new Context(name, coordinator, tlsDir)) != null) {
                    throw new ClientSetupException(file + ": context " + name + " is defined twice");
                }
            }
            Optional<String> current = config.hasPath("current") ? Optional.of(config.getString("current")) : Optional.empty();
            if (current.isPresent() && !byName.containsKey(current.get())) {
                throw new ClientSetupException(file + ": the current context '" + current.get() + "' is not defined there");
            }
            return new Contexts(byName, current);
        } catch (ConfigException e) {
            throw new ClientSetupException(file + " is not valid: " + e.getMessage());
        }
    }

    /** Replaces the file with {@code contexts}: atomically, 0600, in a 0700 directory. */
    void write(Contexts contexts) {
        StringBuilder text = new StringBuilder();
        text.append("# Brickwork CLI contexts, written by `brickwork context`.\n");
        contexts.current().ifPresent(name -> text.append("current = ").append(ConfigUtil.quoteString(name)).append('\n'));
        text.append("contexts = [\n");
        for (Context context : contexts.byName().values()) {
            text.append("  { name = ").append(ConfigUtil.quoteString(context.name()))
                    .append(", coordinator = ").append(ConfigUtil.quoteString(context.coordinator()));
            context.tlsDir().ifPresent(dir -> text.append(", tls-dir = ").append(ConfigUtil.quoteString(dir.toString())));
            text.append(" }\n");
        }
        text.append("]\n");
        try {
            SecureFiles.ensurePrivateDirectory(file.getParent());
            SecureFiles.writePrivate(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (InsecurePermissionsException e) {
            throw new ClientSetupException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new ClientSetupException(e.getMessage());
        }
    }

    private static void requireNotWritableByOthers(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new ClientSetupException(path + " can be written by group or other users; refusing to read contexts "
                        + "from it (anyone who can change it can point this CLI at another coordinator): chmod go-w " + path);
            }
        } catch (IOException e) {
            throw new ClientSetupException("cannot read the mode of " + path + ": " + e.getMessage());
        }
    }
}
