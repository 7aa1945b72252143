package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.QuotaLimit;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.system.CommandException;
import io.brickwork.proto.agent.v1.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Idempotency: quota is enabled only when volume info shows {@code features.quota} off or unset,
 * and {@code limit-usage} runs only when {@code volume quota list} shows another limit for the
 * directory, so a second run only reads.
 *
 * <p>gluster sets a limit only on a directory that exists, so a missing one is refused when
 * applying, as is a missing volume; neither is created here. A check only reports them: the
 * coordinator checks a whole plan before applying it, when neither exists yet.
 */
public final class DirectoryQuotaStep implements Step {
    static final String QUOTA_OPTION = "features.quota";

    private final String volume;
    private final String path;
    private final long limitBytes;
    private final GlusterCli cli;
    private final StepContext context;
    private final Mode mode;
    private boolean enable;

    public DirectoryQuotaStep(String volume, String path, long limitBytes, GlusterCli cli, StepContext context,
            Mode mode) {
        this.volume = requireNonNull(volume, "volume is null");
        this.path = requireNonNull(path, "path is null");
        this.limitBytes = limitBytes;
        this.cli = requireNonNull(cli, "cli is null");
        this.context = requireNonNull(context, "context is null");
        this.mode = requireNonNull(mode, "mode is null");
    }

    @Override
    public Check check() throws CommandException {
        Optional<VolumeInfo> info = cli.volumeInfo(volume, context.commandTimeout());
        if (info.isEmpty()) {
            return mode == Mode.MODE_CHECK ? Check.needs(limitChange("volume " + volume + " does not exist yet"))
                    : Check.refused("volume " + volume + " does not exist");
        }
        enable = !"on".equals(info.get().options().get(QUOTA_OPTION));
        if (enable) {
            return Check.needs(List.of("enable quota on volume " + volume, limitChange("no limit")));
        }
        return compare();
    }

    @Override
    public void apply() throws CommandException {
        if (enable) {
            cli.enableQuota(volume, context.commandTimeout());
        }
        cli.setQuotaLimit(volume, path, limitBytes, context.commandTimeout());
    }

    @Override
    public Check verify() throws CommandException {
        return compare();
    }

    private Check compare() throws CommandException {
        Optional<QuotaLimit> listed = cli.quotaLimit(volume, path, context.commandTimeout());
        if (listed.isEmpty()) {
            if (mode == Mode.MODE_CHECK) {
                return Check.needs(limitChange("/" + path + " does not exist yet"));
            }
            return Check.refused("/" + path + " does not exist on volume " + volume + "; gluster limits only an"
                    + " existing directory");
        }
        OptionalLong current = listed.get().hardLimitBytes();
        if (current.isPresent() && current.getAsLong() == limitBytes) {
            return Check.inSync("/" + path + " on volume " + volume + " is limited to " + limitBytes + " bytes");
        }
        List<String> changes = new ArrayList<>();
        changes.add(limitChange(current.isPresent() ? current.getAsLong() + " bytes" : "no limit"));
        return Check.needs(changes);
    }

    private String limitChange(String now) {
        return "limit /" + path + " on volume " + volume + " to " + limitBytes + " bytes (now " + now + ")";
    }
}
