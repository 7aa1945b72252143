package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.system.CommandException;
import io.brickwork.proto.agent.v1.Mode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency: {@code volume set} runs only when the volume shows a different value, so a
 * second run only reads: {@code volume info}, which lists the options set on the volume (and
 * which the other volume steps read too); {@code volume get} confirms a value that differs.
 * An option volume info does not list was never set, so it is set once, even when the value
 * asked for is gluster's default: from then on volume info shows it. Values compare as ordered lists of trimmed items: gluster drops
 * the spaces after commas when it stores a list, and order is what the operator wrote.
 *
 * <p>A missing volume is refused when applying, but only reported in a check: the coordinator
 * checks the whole plan before applying it, when the volume is not created yet.
 */
public final class VolumeOptionStep implements Step {
    private final String volume;
    private final String key;
    private final String value;
    private final GlusterCli cli;
    private final StepContext context;
    private final Mode mode;

    public VolumeOptionStep(String volume, String key, String value, GlusterCli cli, StepContext context,
            Mode mode) {
        this.volume = requireNonNull(volume, "volume is null");
        this.key = requireNonNull(key, "key is null");
        this.value = requireNonNull(value, "value is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.context = requireNonNull(context, "context is null");
        this.mode = requireNonNull(mode, "mode is null");
    }

    /** volume get's answer for a missing volume differs from a real failure only in prose: ask volume info. */
    @Override
    public Check check() throws CommandException {
        Optional<VolumeInfo> info = cli.volumeInfo(volume, context.commandTimeout());
        if (info.isEmpty()) {
            return mode == Mode.MODE_CHECK
                    ? Check.needs("set " + key + " of volume " + volume + " to " + value + " (it does not exist yet)")
                    : Check.refused("volume " + volume + " does not exist; create it before setting " + key);
        }
        String set = info.get().options().get(key);
        if (set == null) {
            // Never set on this volume: it has its default, and setting it is the change.
            return Check.needs("set " + key + " of volume " + volume + " to " + value + " (not set yet)");
        }
        if (items(set).equals(items(value))) {
            return Check.inSync(key + " of volume " + volume + " is " + set);
        }
        return compare();
    }

    @Override
    public void apply() throws CommandException {
        cli.setVolumeOption(volume, key, value, context.commandTimeout());
    }

    @Override
    public Check verify() throws CommandException {
        return compare();
    }

    private Check compare() throws CommandException {
        String current = cli.volumeOption(volume, key, context.commandTimeout());
        if (items(current).equals(items(value))) {
            return Check.inSync(key + " of volume " + volume + " is " + current);
        }
        return Check.needs("set " + key + " of volume " + volume + " to " + value + " (now " + current + ")");
    }

    private static List<String> items(String list) {
        return Arrays.stream(list.split(",", -1)).map(String::strip).toList();
    }
}
