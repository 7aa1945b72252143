package io.brickwork.coordinator.spec;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigUtil;
import java.util.List;
import java.util.Map;

/**
 * Writes a spec as canonical HOCON, the form in which the applied spec is stored. Every value
 * is explicit, defaults included, so the stored spec means the same after a default changes
 * (except an absent {@code auth-allow}, whose default is computed from the nodes' addresses);
 * strings are always quoted, so no value can read back as a number, a path or a substitution.
 * {@code SpecParser.parse(SpecRenderer.render(spec), ...)} equals {@code spec}.
 */
public final class SpecRenderer {
    private static final String INDENT = "  ";

    private SpecRenderer() {}

    public static String render(ClusterSpec spec) {
        requireNonNull(spec, "spec is null");
        StringBuilder out = new StringBuilder();
        out.append("cluster {\n");
        field(out, 1, "name", quote(spec.name()));
        field(out, 1, "manager", quote(spec.manager()));
        field(out, 1, "nodes", list(spec.nodes()));
        if (!spec.hosts().isEmpty()) {
            out.append(INDENT).append("hosts {\n");
            for (Map.Entry<String, String> host : spec.hosts().entrySet()) {
                field(out, 2, quote(host.getKey()), quote(host.getValue()));
            }
            out.append(INDENT).append("}\n");
        }
        if (!spec.zones().isEmpty()) {
            out.append(INDENT).append("zones {\n");
            for (Map.Entry<String, String> zone : spec.zones().entrySet()) {
                field(out, 2, quote(zone.getKey()), quote(zone.getValue()));
            }
            out.append(INDENT).append("}\n");
        }
        if (spec.allowSharedZones()) {
            field(out, 1, "allow-shared-zones", "true");
        }
        if (spec.tls()) {
            field(out, 1, "tls", "true");
        }
        out.append("}\n");
        out.append("volumes = [\n");
        for (VolumeSpec volume : spec.volumes()) {
            out.append(INDENT).append("{\n");
            field(out, 2, "name", quote(volume.name()));
            field(out, 2, "replica", Integer.toString(volume.replica()));
            field(out, 2, "nodes", list(volume.nodes()));
            field(out, 2, "brick", quote(volume.brick()));
            field(out, 2, "force", Boolean.toString(volume.force()));
            if (volume.arbiter()) {
                field(out, 2, "arbiter", "true");
            }
            // Explicit under a TLS cluster, where it may differ from the cluster's; never true without one.
            if (spec.tls()) {
                field(out, 2, "tls", Boolean.toString(volume.tls()));
            }
            volume.arbiterBrick().ifPresent(arbiterBrick -> field(out, 2, "arbiter-brick",
                    "{ node = " + quote(arbiterBrick.node()) + ", path = " + quote(arbiterBrick.path()) + " }"));
            // Absent stays absent: the coordinator's default follows the nodes' addresses as they change.
            volume.authAllow().ifPresent(entries -> field(out, 2, "auth-allow", list(entries)));
            MountSpec mount = volume.mount();
            out.append(INDENT.repeat(2)).append("mount {\n");
            field(out, 3, "path", quote(mount.path()));
            field(out, 3, "owner", quote(mount.owner()));
            field(out, 3, "group", quote(mount.group()));
            if (mount.options() != null) {
                field(out, 3, "options", quote(mount.options()));
            }
            out.append(INDENT.repeat(2)).append("}\n");
            if (!volume.directories().isEmpty()) {
                out.append(INDENT.repeat(2)).append("directories = [\n");
                for (DirectorySpec directory : volume.directories()) {
                    out.append(INDENT.repeat(3)).append("{ path = ").append(quote(directory.path()))
                            .append(", owner = ").append(quote(directory.owner()))
                            .append(", group = ").append(quote(directory.group()))
                            .append(", mode = ").append(quote(directory.mode()));
                    directory.quotaBytes().ifPresent(bytes -> out.append(", quota = ").append(quote(Long.toString(bytes))));
                    out.append(" }\n");
                }
                out.append(INDENT.repeat(2)).append("]\n");
            }
            out.append(INDENT).append("}\n");
        }
        out.append("]\n");
        return out.toString();
    }

    private static void field(StringBuilder out, int depth, String key, String renderedValue) {
        out.append(INDENT.repeat(depth)).append(key).append(" = ").append(renderedValue).append('\n');
    }

    private static String list(List<String> values) {
        return "[" + String.join(", ", values.stream().map(SpecRenderer::quote).toList()) + "]";
    }

    private static String quote(String value) {
        return ConfigUtil.quoteString(value);
    }
}
