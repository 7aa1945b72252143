package io.brickwork.agent.xattr;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.CommandResult;
import io.brickwork.agent.system.CommandRunner;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the brick's volume id with getfattr (package attr): java.nio only exposes the
 * {@code user.} namespace, and glusterd writes {@code trusted.}.
 */
public final class GetfattrBrickXattrs implements BrickXattrs {
    static final String VOLUME_ID = "trusted.glusterfs.volume-id";
    private static final Pattern HEX_VALUE = Pattern.compile("^" + Pattern.quote(VOLUME_ID) + "=0x([0-9a-fA-F]{32})$",
            Pattern.MULTILINE);
    /**
     * getfattr exits 1 both for a missing attribute and for a missing file; only its (LC_ALL=C)
     * message tells them apart, and a missing file must not look like an empty brick.
     */
    private static final String NO_SUCH_ATTRIBUTE = "No such attribute";

    private final CommandRunner runner;

    @Inject
    public GetfattrBrickXattrs(CommandRunner runner) {
        this.runner = requireNonNull(runner, "runner is null");
    }

    @Override
    public Optional<String> volumeId(Path directory, Duration timeout) throws CommandException {
        CommandResult result = runner.run(
                List.of("getfattr", "--absolute-names", "-n", VOLUME_ID, "-e", "hex", directory.toString()), timeout);
        if (!result.ok()) {
            if (result.stderr().contains(NO_SUCH_ATTRIBUTE)) {
                return Optional.empty();
            }
            throw new CommandFailedException(result);
        }
        Matcher matcher = HEX_VALUE.matcher(result.stdout());
        if (!matcher.find()) {
            throw new CommandFailedException(VOLUME_ID + " of " + directory + " is not a 16-byte hex value", result);
        }
        return Optional.of(canonical(matcher.group(1).toLowerCase(Locale.ROOT)));
    }

    private static String canonical(String hex) {
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
