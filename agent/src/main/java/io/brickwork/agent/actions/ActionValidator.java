package io.brickwork.agent.actions;

import io.brickwork.common.validation.Validation;
import io.brickwork.proto.agent.v1.ActionRequest;
import io.brickwork.proto.agent.v1.Brick;
import io.brickwork.proto.agent.v1.EnsureFstabEntry;
import io.brickwork.proto.agent.v1.EnsureHostsEntries;
import io.brickwork.proto.agent.v1.EnsureMounted;
import io.brickwork.proto.agent.v1.EnsureVolume;
import io.brickwork.proto.agent.v1.HostEntry;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every field of an action before anything runs. The coordinator validated the spec
 * already; the agent is root and checks again. All problems are reported, not just the first.
 */
public final class ActionValidator {
    /** Probes are a few bytes; anything big is a mistake or abuse. */
    static final int MAX_PROBE_BYTES = 64 * 1024;

    @Inject
    public ActionValidator() {}

    /** Each problem as "field X: value 'Y' ...", empty when the action may run. */
    public List<String> problems(ActionRequest request) {
        Problems problems = new Problems();
        switch (request.getActionCase()) {
            case HOSTS -> hosts(request.getHosts(), problems);
            case PACKAGES -> {
                problems.notEmpty("packages.packages", request.getPackages().getPackagesCount());
                for (int i = 0; i < request.getPackages().getPackagesCount(); i++) {
                    String name = request.getPackages().getPackages(i);
                    problems.check("packages.packages[" + i + "]", name, Validation.debianPackage(name));
                }
            }
            case GLUSTERD -> { }
            case BRICK_DIRECTORY -> {
                problems.check("brick_directory.path", request.getBrickDirectory().getPath(),
                        Validation.absolutePath(request.getBrickDirectory().getPath()));
                problems.check("brick_directory.volume", request.getBrickDirectory().getVolume(),
                        Validation.name(request.getBrickDirectory().getVolume()));
            }
            case PEERS -> {
                problems.notEmpty("peers.hosts", request.getPeers().getHostsCount());
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < request.getPeers().getHostsCount(); i++) {
                    String host = request.getPeers().getHosts(i);
                    problems.check("peers.hosts[" + i + "]", host, hostOrAddress(host));
                    if (!seen.add(host.toLowerCase(Locale.ROOT))) {
                        problems.check("peers.hosts[" + i + "]", host, Optional.of("appears more than once"));
                    }
                }
            }
            case VOLUME -> volume(request.getVolume(), problems);
            case VOLUME_STARTED -> problems.check("volume_started.name", request.getVolumeStarted().getName(),
                    Validation.name(request.getVolumeStarted().getName()));
            case FSTAB_ENTRY -> fstab(request.getFstabEntry(), problems);
            case MOUNTED -> mounted(request.getMounted(), problems);
            case WRITE_PROBE -> probe("write_probe", request.getWriteProbe().getMountPoint(),
                    request.getWriteProbe().getFileName(), request.getWriteProbe().getContent().size(), problems);
            case READ_PROBE -> probe("read_probe", request.getReadProbe().getMountPoint(),
                    request.getReadProbe().getFileName(), request.getReadProbe().getContent().size(), problems);
            case REMOVE_PROBE -> probe("remove_probe", request.getRemoveProbe().getMountPoint(),
                    request.getRemoveProbe().getFileName(), 0, problems);
            case DESCRIBE -> {
                for (int i = 0; i < request.getDescribe().getMountPointsCount(); i++) {
                    String mountPoint = request.getDescribe().getMountPoints(i);
                    problems.check("describe.mount_points[" + i + "]", mountPoint, Validation.absolutePath(mountPoint));
                }
            }
            case ACTION_NOT_SET -> problems.add("action", "is not set");
        }
        return problems.list();
    }

    private static void hosts(EnsureHostsEntries hosts, Problems problems) {
        problems.notEmpty("hosts.entries", hosts.getEntriesCount());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < hosts.getEntriesCount(); i++) {
            HostEntry entry = hosts.getEntries(i);
            problems.check("hosts.entries[" + i + "].name", entry.getName(), Validation.hostname(entry.getName()));
            problems.check("hosts.entries[" + i + "].address", entry.getAddress(),
                    Validation.address(entry.getAddress()));
            if (!names.add(entry.getName().toLowerCase(Locale.ROOT))) {
                problems.check("hosts.entries[" + i + "].name", entry.getName(),
                        Optional.of("appears more than once; a name maps to one address"));
            }
        }
    }

    private static void volume(EnsureVolume volume, Problems problems) {
        problems.check("volume.name", volume.getName(), Validation.name(volume.getName()));
        problems.notEmpty("volume.bricks", volume.getBricksCount());
        if (volume.getReplica() < 1) {
            problems.add("volume.replica", "value " + volume.getReplica() + " must be at least 1");
        } else if (volume.getBricksCount() % volume.getReplica() != 0) {
            problems.add("volume.bricks", volume.getBricksCount() + " bricks are not a multiple of replica "
                    + volume.getReplica());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < volume.getBricksCount(); i++) {
            Brick brick = volume.getBricks(i);
            problems.check("volume.bricks[" + i + "].host", brick.getHost(), hostOrAddress(brick.getHost()));
            problems.check("volume.bricks[" + i + "].path", brick.getPath(), Validation.absolutePath(brick.getPath()));
            if (!seen.add(brick.getHost() + ":" + brick.getPath())) {
                problems.check("volume.bricks[" + i + "]", brick.getHost() + ":" + brick.getPath(),
                        Optional.of("appears more than once"));
            }
        }
    }

    private static void fstab(EnsureFstabEntry entry, Problems problems) {
        source("fstab_entry.source", entry.getSource(), problems);
        problems.check("fstab_entry.mount_point", entry.getMountPoint(),
                Validation.absolutePath(entry.getMountPoint()));
        if (!entry.getFsType().equals("glusterfs")) {
            problems.check("fstab_entry.fs_type", entry.getFsType(), Optional.of("must be glusterfs"));
        }
        problems.check("fstab_entry.options", entry.getOptions(), Validation.mountOptions(entry.getOptions()));
    }

    private static void mounted(EnsureMounted mounted, Problems problems) {
        source("mounted.source", mounted.getSource(), problems);
        problems.check("mounted.mount_point", mounted.getMountPoint(),
                Validation.absolutePath(mounted.getMountPoint()));
        problems.check("mounted.owner", mounted.getOwner(), Validation.account(mounted.getOwner()));
        problems.check("mounted.group", mounted.getGroup(), Validation.account(mounted.getGroup()));
    }

    private static void probe(String action, String mountPoint, String fileName, int contentSize, Problems problems) {
        problems.check(action + ".mount_point", mountPoint, Validation.absolutePath(mountPoint));
        problems.check(action + ".file_name", fileName, Validation.fileName(fileName));
        if (contentSize > MAX_PROBE_BYTES) {
            problems.add(action + ".content", contentSize + " bytes is more than " + MAX_PROBE_BYTES);
        }
    }

    private static void source(String field, String source, Problems problems) {
        Optional<GlusterSource> parsed = GlusterSource.parse(source);
        if (parsed.isEmpty()) {
            problems.check(field, source, Optional.of("must be host:/volume"));
            return;
        }
        Optional<String> hostProblem = hostOrAddress(parsed.get().host());
        Optional<String> volumeProblem = Validation.name(parsed.get().volume());
        hostProblem.ifPresent(problem -> problems.check(field, source, Optional.of("host " + problem)));
        volumeProblem.ifPresent(problem -> problems.check(field, source, Optional.of("volume " + problem)));
    }

    private static Optional<String> hostOrAddress(String value) {
        if (Validation.address(value).isEmpty() || Validation.hostname(value).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("is neither a host name nor an IP address");
    }

    /** Collects problems in the one format the coordinator shows to people. */
    private static final class Problems {
        private static final int MAX_SHOWN = 80;
        private final List<String> list = new ArrayList<>();

        void check(String field, String value, Optional<String> problem) {
            problem.ifPresent(text -> list.add("field " + field + ": value '" + shown(value) + "' " + text));
        }

        void add(String field, String problem) {
            list.add("field " + field + ": " + problem);
        }

        void notEmpty(String field, int count) {
            if (count == 0) {
                add(field, "must not be empty");
            }
        }

        List<String> list() {
            return List.copyOf(list);
        }

        /** Control characters escaped and long values cut, so one bad value cannot garble the message. */
        private static String shown(String value) {
            StringBuilder out = new StringBuilder();
            for (char c : value.toCharArray()) {
                if (out.length() >= MAX_SHOWN) {
                    return out + "...";
                }
                out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
            return out.toString();
        }
    }
}
