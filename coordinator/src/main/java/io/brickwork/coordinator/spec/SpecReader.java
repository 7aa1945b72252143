package io.brickwork.coordinator.spec;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a resolved spec document into a {@link Draft}, reporting unknown keys, missing required
 * keys and values of the wrong type. What the values mean is for {@link SpecRules}.
 *
 * <p>Types follow Typesafe Config's conversions, like every other Brickwork config: a quoted
 * {@code "3"} is a number, {@code "yes"} a boolean, a bare {@code 1} in a list of names the
 * name {@code "1"}. An explicit {@code null} counts as absent.
 */
final class SpecReader {
    private static final List<String> DOCUMENT_KEYS = List.of("cluster", "volumes");
    private static final List<String> CLUSTER_KEYS = List.of("name", "manager", "nodes", "hosts", "zones", "allow-shared-zones", "tls");
    private static final List<String> VOLUME_KEYS = List.of(
            "name", "replica", "nodes", "brick", "force", "auth-allow", "mount", "arbiter", "directories",
            "arbiter-brick", "tls");
    private static final List<String> ARBITER_BRICK_KEYS = List.of("node", "path");
    private static final List<String> DIRECTORY_KEYS = List.of("path", "owner", "group", "mode", "quota");
    private static final List<String> MOUNT_KEYS = List.of("path", "owner", "group", "options");
    /** The key a lone value is put under to borrow Typesafe's conversions. */
    private static final String VALUE = "value";

    private final List<Violation> violations;

    SpecReader(List<Violation> violations) {
        this.violations = requireNonNull(violations, "violations is null");
    }

    Draft.Cluster read(ConfigObject document) {
        Section root = new Section("", document);
        root.rejectUnknownKeys(DOCUMENT_KEYS);

        Section cluster = root.requiredSection("cluster");
        String name = null;
        String manager = null;
        List<String> nodes = null;
        Map<String, String> hosts = new LinkedHashMap<>();
        Map<String, String> zones = new LinkedHashMap<>();
        Boolean allowSharedZones = false;
        Boolean tls = false;
        if (cluster != null) {
            cluster.rejectUnknownKeys(CLUSTER_KEYS);
            name = cluster.requiredString("name");
            manager = cluster.string("manager");
            nodes = cluster.requiredStrings("nodes");
            Section hostsSection = cluster.section("hosts");
            if (hostsSection != null) {
                hosts = hostsSection.stringEntries();
            }
            Section zonesSection = cluster.section("zones");
            if (zonesSection != null) {
                zones = zonesSection.stringEntries();
            }
            allowSharedZones = cluster.bool("allow-shared-zones", false);
            tls = cluster.bool("tls", false);
        }

        List<Draft.Volume> volumes = null;
        ConfigList volumeList = root.requiredList("volumes");
        if (volumeList != null) {
            volumes = new ArrayList<>();
            for (int i = 0; i < volumeList.size(); i++) {
                Section volume = root.element("volumes", volumeList, i);
                if (volume != null) {
                    volumes.add(volume(i, volume, nodes));
                }
            }
        }
        return new Draft.Cluster(name, manager, nodes, hosts, volumes, zones, allowSharedZones, tls);
    }

    private Draft.Volume volume(int index, Section volume, List<String> clusterNodes) {
        volume.rejectUnknownKeys(VOLUME_KEYS);
        String name = volume.requiredString("name");
        Integer replica = volume.requiredInteger("replica");
        boolean nodesExplicit = volume.has("nodes");
        List<String> nodes = nodesExplicit ? volume.strings("nodes") : clusterNodes;
        String brick = volume.requiredString("brick");
        Boolean force = volume.bool("force", false);
        List<String> authAllow = volume.strings("auth-allow");
        Boolean arbiter = volume.bool("arbiter", false);
        return new Draft.Volume(index, name, replica, nodes, nodesExplicit, brick, force, authAllow,
                mount(volume.section("mount")), arbiter, directories(volume), arbiterBrick(volume.section("arbiter-brick")),
                volume.has("tls") ? volume.bool("tls", false) : null);
    }

    private Draft.ArbiterBrick arbiterBrick(Section arbiterBrick) {
        if (arbiterBrick == null) {
            return null;
        }
        arbiterBrick.rejectUnknownKeys(ARBITER_BRICK_KEYS);
        return new Draft.ArbiterBrick(arbiterBrick.requiredString("node"), arbiterBrick.requiredString("path"));
    }

    /** Absent or empty is no directories; each element must be an object with a path. */
    private List<Draft.Directory> directories(Section volume) {
        if (!volume.has("directories")) {
            return List.of();
        }
        ConfigValue value = volume.object.get("directories");
        if (value.valueType() != ConfigValueType.LIST) {
            report(volume.key("directories"), value, "must be a list [ { path = ... }, ... ]");
            return List.of();
        }
        ConfigList list = (ConfigList) value;
        List<Draft.Directory> directories = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Section directory = volume.element("directories", list, i);
            if (directory == null) {
                continue;
            }
            directory.rejectUnknownKeys(DIRECTORY_KEYS);
            directories.add(new Draft.Directory(directory.prefix,
                    directory.requiredString("path"),
                    directory.string("owner", DirectorySpec.DEFAULT_OWNER),
                    directory.string("group", DirectorySpec.DEFAULT_GROUP),
                    directory.string("mode", DirectorySpec.DEFAULT_MODE),
                    directory.has("quota") ? directory.string("quota") : null));
        }
        return directories;
    }

    private Draft.Mount mount(Section mount) {
        if (mount == null) {
            return new Draft.Mount(MountSpec.DEFAULT_PATH, MountSpec.DEFAULT_OWNER, MountSpec.DEFAULT_GROUP, null);
        }
        mount.rejectUnknownKeys(MOUNT_KEYS);
        return new Draft.Mount(
                mount.string("path", MountSpec.DEFAULT_PATH),
                mount.string("owner", MountSpec.DEFAULT_OWNER),
                mount.string("group", MountSpec.DEFAULT_GROUP),
                mount.string("options"));
    }

    private void report(String key, ConfigValue value, String problem) {
        violations.add(new Violation(key, value == null ? null : text(value), problem));
    }

    /** The value as the user would recognise it: strings bare, lists and objects as JSON. */
    private static String text(ConfigValue value) {
        return switch (value.valueType()) {
            case OBJECT, LIST -> value.render(ConfigRenderOptions.concise());
            case NULL -> "null";
            default -> String.valueOf(value.unwrapped());
        };
    }

    /** Entries in the order the document has them; Typesafe keeps no order of its own. */
    private static Stream<Map.Entry<String, ConfigValue>> inDocumentOrder(ConfigObject object) {
        return object.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, ConfigValue> entry) -> entry.getValue().origin().lineNumber())
                        .thenComparing(Map.Entry::getKey));
    }

    /**
     * One object of the document and the key that names it in violations. Reads return null
     * when the key is absent or its value unusable; an unusable value has been reported.
     */
    private final class Section {
        private final String prefix;
        private final ConfigObject object;

        Section(String prefix, ConfigObject object) {
            this.prefix = prefix;
            this.object = object;
        }

        String key(String field) {
            String quoted = ConfigUtil.joinPath(field);
            return prefix.isEmpty() ? quoted : prefix + "." + quoted;
        }

        boolean has(String field) {
            ConfigValue value = object.get(field);
            return value != null && value.valueType() != ConfigValueType.NULL;
        }

        /** Every key not in {@code known}, in document order, with the closest known key as a hint. */
        void rejectUnknownKeys(List<String> known) {
            inDocumentOrder(object)
                    .filter(entry -> !known.contains(entry.getKey()))
                    .forEach(entry -> report(key(entry.getKey()), entry.getValue(), KeyHints.unknownKey(entry.getKey(), known)));
        }

        private boolean require(String field) {
            if (has(field)) {
                return true;
            }
            report(key(field), object.get(field), "is required");
            return false;
        }

        String string(String field) {
            return has(field) ? asString(key(field), object.get(field)) : null;
        }

        String string(String field, String fallback) {
            return has(field) ? asString(key(field), object.get(field)) : fallback;
        }

        String requiredString(String field) {
            return require(field) ? asString(key(field), object.get(field)) : null;
        }

        Integer requiredInteger(String field) {
            if (!require(field)) {
                return null;
            }
            ConfigValue value = object.get(field);
            try {
                // A quoted "3" converts to a Long, a 3 to an Integer; 3.5 must not truncate to 3.
                Number number = value.atKey(VALUE).getNumber(VALUE);
                if (!(number instanceof Integer || number instanceof Long)) {
                    report(key(field), value, "must be a whole number");
                } else if (number.longValue() != number.intValue()) {
                    report(key(field), value, "is too large");
                } else {
                    return number.intValue();
                }
            } catch (ConfigException.WrongType e) {
                report(key(field), value, "must be a whole number");
            }
            return null;
        }

        Boolean bool(String field, boolean fallback) {
            if (!has(field)) {
                return fallback;
            }
            ConfigValue value = object.get(field);
            try {
                return value.atKey(VALUE).getBoolean(VALUE);
            } catch (ConfigException.WrongType e) {
                report(key(field), value, "must be true or false");
                return null;
            }
        }

        List<String> strings(String field) {
            return has(field) ? asStrings(field) : null;
        }

        List<String> requiredStrings(String field) {
            return require(field) ? asStrings(field) : null;
        }

        Section section(String field) {
            return has(field) ? asSection(key(field), object.get(field)) : null;
        }

        Section requiredSection(String field) {
            return require(field) ? asSection(key(field), object.get(field)) : null;
        }

        /** A non-empty list. */
        ConfigList requiredList(String field) {
            return require(field) ? asList(field) : null;
        }

        /** Element {@code index} of the list at {@code field}, which must be an object. */
        Section element(String field, ConfigList list, int index) {
            return asSection(key(field) + "[" + index + "]", list.get(index));
        }

        /** Every entry as a string, keyed as written; for maps whose keys are data, not names we know. */
        Map<String, String> stringEntries() {
            Map<String, String> entries = new LinkedHashMap<>();
            inDocumentOrder(object).forEach(entry -> {
                String text = asString(key(entry.getKey()), entry.getValue());
                if (text != null) {
                    entries.put(entry.getKey(), text);
                }
            });
            return entries;
        }

        /** A non-empty list of strings, or null when the list or any element is unusable. */
        private List<String> asStrings(String field) {
            ConfigList list = asList(field);
            if (list == null) {
                return null;
            }
            List<String> strings = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                strings.add(asString(key(field) + "[" + i + "]", list.get(i)));
            }
            return strings.contains(null) ? null : strings;
        }

        private ConfigList asList(String field) {
            ConfigValue value = object.get(field);
            ConfigList list;
            try {
                list = value.atKey(VALUE).getList(VALUE);
            } catch (ConfigException.WrongType e) {
                report(key(field), value, "must be a list [ ... ]");
                return null;
            }
            if (list.isEmpty()) {
                report(key(field), value, "must not be empty");
                return null;
            }
            return list;
        }

        private String asString(String key, ConfigValue value) {
            try {
                return value.atKey(VALUE).getString(VALUE);
            } catch (ConfigException.WrongType | ConfigException.Null e) {
                report(key, value, "must be a string");
                return null;
            }
        }

        private Section asSection(String key, ConfigValue value) {
            if (value.valueType() != ConfigValueType.OBJECT) {
                report(key, value, "must be an object { ... }");
                return null;
            }
            return new Section(key, (ConfigObject) value);
        }
    }
}
