package io.brickwork.agent.steps;

import static java.util.Objects.requireNonNull;

import io.brickwork.agent.gluster.GlusterCli;
import io.brickwork.agent.gluster.VolumeInfo;
import io.brickwork.agent.glustertls.GlusterTlsFiles;
import io.brickwork.agent.system.CommandException;
import io.brickwork.proto.agent.v1.Mode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * TLS on a volume's I/O path: bricks and FUSE clients read the key, certificate and CA the
 * gluster-tls step installs (explicit {@code ssl.*} options, not version-specific defaults), admit
 * only certificates whose CN is a cluster node ({@code auth.ssl-allow}, alongside
 * {@code auth.allow}), and speak TLS ({@code client.ssl}, {@code server.ssl}).
 *
 * <p>Idempotency: {@code volume set} runs only for options volume info shows with another value,
 * so a second run only reads. Safety: {@code client.ssl} and {@code server.ssl} change only while
 * the volume is stopped, since clients and bricks must switch together (no mixed mode); on a
 * started volume that change is refused and nothing is set. A missing volume is refused when
 * applying, only reported in a check (the coordinator checks the whole plan before creating it).
 */
public final class VolumeTlsStep implements Step {
    static final Set<String> SWITCHES = Set.of("client.ssl", "server.ssl");

    private final String volume;
    private final Map<String, String> wanted;
    private final List<String> order;
    private final GlusterCli cli;
    private final StepContext context;
    private final Mode mode;
    private final boolean on;
    private List<String> differing = List.of();

    public VolumeTlsStep(String volume, List<String> allowedNames, GlusterTlsFiles files, GlusterCli cli,
            StepContext context, Mode mode) {
        this(volume, allowedNames, files, cli, context, mode, true);
    }

    /** @param on false: the other way, client.ssl and server.ssl off (undoing a switch that failed) */
    public VolumeTlsStep(String volume, List<String> allowedNames, GlusterTlsFiles files, GlusterCli cli,
            StepContext context, Mode mode, boolean on) {
        this.volume = requireNonNull(volume, "volume is null");
        this.cli = requireNonNull(cli, "cli is null");
        this.context = requireNonNull(context, "context is null");
        this.mode = requireNonNull(mode, "mode is null");
        this.on = on;
        requireNonNull(files, "files is null");
        Map<String, String> options = new LinkedHashMap<>();
        if (on) {
            options.put("ssl.own-cert", files.certificatePath().toString());
            options.put("ssl.private-key", files.keyPath().toString());
            options.put("ssl.ca-list", files.caPath().toString());
            options.put("auth.ssl-allow", String.join(",", allowedNames));
        }
        // Last: by then everything they need is set.
        options.put("client.ssl", on ? "on" : "off");
        options.put("server.ssl", on ? "on" : "off");
        this.wanted = Map.copyOf(options);
        this.order = List.copyOf(options.keySet());
    }

    /** The options this step sets, in the order it sets them. */
    public List<String> keys() {
        return order;
    }

    @Override
    public Check check() throws CommandException {
        Optional<VolumeInfo> info = cli.volumeInfo(volume, context.commandTimeout());
        if (info.isEmpty()) {
            return mode == Mode.MODE_CHECK
                    ? Check.needs("turn TLS on for volume " + volume + " (it does not exist yet)")
                    : Check.refused("volume " + volume + " does not exist; create it before turning TLS on");
        }
        differing = differing(info.get().options());
        if (differing.isEmpty()) {
            return Check.inSync(state());
        }
        if (info.get().started() && differing.stream().anyMatch(SWITCHES::contains)) {
            return Check.refused("volume " + volume + " is started " + (on ? "without" : "with") + " TLS: its"
                    + " clients and bricks must switch together (gluster has no mixed mode), so it must be stopped"
                    + " first; nothing was set");
        }
        return Check.needs(differing.stream().map(key -> "set " + key + " of volume " + volume + " to "
                + wanted.get(key)).toList());
    }

    private String state() {
        return on ? "volume " + volume + " speaks TLS, admitting " + wanted.get("auth.ssl-allow")
                : "volume " + volume + " speaks plaintext (client.ssl and server.ssl off)";
    }

    private List<String> differing(Map<String, String> options) {
        List<String> keys = new ArrayList<>();
        for (String key : order) {
            String current = options.get(key);
            // Unset, the switches are off: gluster's default.
            boolean matches = current == null ? SWITCHES.contains(key) && !on(wanted.get(key))
                    : same(key, current, wanted.get(key));
            if (!matches) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static boolean same(String key, String current, String value) {
        if (SWITCHES.contains(key)) {
            return on(current) == on(value);
        }
        return items(current).equals(items(value));
    }

    private static boolean on(String value) {
        return Set.of("on", "yes", "true", "enable", "1").contains(value.strip().toLowerCase(Locale.ROOT));
    }

    private static List<String> items(String list) {
        return Arrays.stream(list.split(",", -1)).map(String::strip).toList();
    }

    @Override
    public void apply() throws CommandException {
        for (String key : differing) {
            cli.setVolumeOption(volume, key, wanted.get(key), context.commandTimeout());
        }
    }

    @Override
    public Check verify() throws CommandException {
        Optional<VolumeInfo> info = cli.volumeInfo(volume, context.commandTimeout());
        if (info.isEmpty()) {
            return Check.needs("volume " + volume + " is gone");
        }
        List<String> left = differing(info.get().options());
        return left.isEmpty() ? Check.inSync(state())
                : Check.needs(left.stream().map(key -> key + " of volume " + volume + " is not " + wanted.get(key)).toList());
    }
}
