package io.brickwork.agent.dockerplugin;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.brickwork.agent.directories.Directories;
import io.brickwork.agent.directories.Directories.Entry;
import io.brickwork.agent.directories.UnsafePathException;
import io.brickwork.agent.gluster.QuotaLimit;
import io.brickwork.agent.ownership.NoSuchAccountException;
import io.brickwork.agent.ownership.Ownership;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Docker's volume plugin protocol (the legacy VolumeDriver API) for Brickwork volumes: a Docker
 * volume is a directory of that name at the root of a Brickwork volume, its record lives on the
 * volume under {@code .brickwork/}, and nothing is read or written on a volume whose mount on
 * this node is not present, glusterfs and answering ({@link MountSafety}). Every call gets a
 * JSON answer; a refusal is {@code {"Err": "brickwork on NODE: ..."}} and changed nothing.
 *
 * <p>On the volume: {@code .brickwork/docker-volumes/NAME.json} the record,
 * {@code .brickwork/docker-mounts/NAME/NODE.ID} one file per container mount (so a remove on
 * any node sees mounts on every node), {@code .brickwork/trash/NAME.TIME} a removed volume's
 * data. All of it root-only (0700 directories, 0600 files), reached by directory handles.
 */
final class VolumeDriver {
    private static final Logger log = Logger.getLogger(VolumeDriver.class.getName());
    static final String META = ".brickwork";
    static final String RECORDS = "docker-volumes";
    static final String MOUNTS = "docker-mounts";
    static final String TRASH = "trash";
    static final int MAX_RECORD = 4096;
    /** A tree deeper than this is left in the trash rather than walked by an ever deeper stack. */
    static final int MAX_DELETE_DEPTH = 512;
    private static final int PRIVATE_DIRECTORY = 0700;
    private static final int PRIVATE_FILE = 0600;
    private static final DateTimeFormatter TRASH_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final String nodeName;
    private final NodeVolumes nodeVolumes;
    private final MountSafety safety;
    private final Directories directories;
    private final Ownership ownership;
    private final Clock clock;
    private final Duration lockWait;
    private final DirectoryQuotas quotas;
    /** One call at a time: Docker serializes per volume anyway, and a remove must not race a mount. */
    private final ReentrantLock lock = new ReentrantLock(true);

    /**
     * @param lockWait how long a call waits for the one before it before it looks at the mounts
     *     again: a call stuck in a hung FUSE mount holds the lock until the mount answers, and the
     *     calls behind it are then refused naming that mount instead of waiting for it
     */
    VolumeDriver(String nodeName, NodeVolumes nodeVolumes, MountSafety safety, Directories directories,
            Ownership ownership, Clock clock, Duration lockWait, DirectoryQuotas quotas) {
        this.nodeName = requireNonNull(nodeName, "nodeName is null");
        this.nodeVolumes = requireNonNull(nodeVolumes, "nodeVolumes is null");
        this.safety = requireNonNull(safety, "safety is null");
        this.directories = requireNonNull(directories, "directories is null");
        this.ownership = requireNonNull(ownership, "ownership is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.lockWait = requireNonNull(lockWait, "lockWait is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    /** The answer to one call to {@code endpoint} (e.g. "/VolumeDriver.Mount") with this body. */
    JsonObject handle(String endpoint, String body) throws InterruptedException {
        return handle(endpoint, body, PendingCall.unbounded());
    }

    /** The same, for a call the server may abandon when its time is up ({@link PendingCall}). */
    JsonObject handle(String endpoint, String body, PendingCall call) throws InterruptedException {
        try {
            // These two touch no volume, so they never wait behind a call stuck in one.
            if (endpoint.equals("/Plugin.Activate")) {
                return activate();
            }
            if (endpoint.equals("/VolumeDriver.Capabilities")) {
                return capabilities();
            }
            while (!lock.tryLock(lockWait.toNanos(), TimeUnit.NANOSECONDS)) {
                // The call ahead is most likely stuck in a hung mount: say which rather than wait for it.
                List<String> problems = unsafeMounts();
                if (!problems.isEmpty()) {
                    return error("refusing: " + String.join("; ", problems));
                }
                if (call.abandoned()) {
                    return error("abandoned: an earlier call is still running");
                }
            }
            try {
                if (call.abandoned()) {
                    return error("abandoned before it started: an earlier call ran too long");
                }
                return dispatch(endpoint, body, call);
            } finally {
                lock.unlock();
            }
        } catch (DockerVolumeRequestException e) {
            log.fine(() -> endpoint + " refused: " + e.getMessage());
            return error(e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warning(() -> endpoint + " failed: " + e);
            return error(endpoint.replace("/VolumeDriver.", "") + " failed: " + e.getMessage());
        }
    }

    /**
     * The answer to a call whose time ran out while it was still running (stuck in a mount that
     * hung after it was checked, most likely): the mounts' problems when there are any, so dockerd
     * shows the same message as for a call refused up front. Never waits longer than one probe.
     */
    JsonObject stalled(String endpoint, Duration ranFor) throws InterruptedException {
        List<String> problems = unsafeMounts();
        if (!problems.isEmpty()) {
            return error("refusing: " + String.join("; ", problems));
        }
        return error(endpoint.replace("/VolumeDriver.", "") + " did not finish in " + ranFor.toMillis() + " ms");
    }

    /** What is wrong with each of this node's Brickwork mounts; empty when all are safe. */
    private List<String> unsafeMounts() throws InterruptedException {
        Map<String, Path> mountPoints;
        try {
            mountPoints = nodeVolumes.mountPoints();
        } catch (IOException e) {
            return List.of("/etc/fstab cannot be read: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Path> entry : mountPoints.entrySet()) {
            safety.unsafe(entry.getKey(), entry.getValue()).ifPresent(problems::add);
        }
        return problems;
    }

    private JsonObject dispatch(String endpoint, String body, PendingCall call)
            throws DockerVolumeRequestException, IOException, InterruptedException {
        DockerRequest request = DockerRequest.parse(body);
        return switch (endpoint) {
            case "/VolumeDriver.Create" -> create(request.name(), CreateOptions.parse(request.options()));
            case "/VolumeDriver.Get" -> get(request.name());
            case "/VolumeDriver.List" -> list();
            case "/VolumeDriver.Path" -> path(request.name());
            case "/VolumeDriver.Mount" -> mount(request.name(), request.mountId(), call);
            case "/VolumeDriver.Unmount" -> unmount(request.name(), request.mountId());
            case "/VolumeDriver.Remove" -> remove(request.name());
            default -> throw new DockerVolumeRequestException("unknown call '" + Printable.of(endpoint) + "'");
        };
    }

    private static JsonObject activate() {
        JsonObject answer = new JsonObject();
        JsonArray implemented = new JsonArray();
        implemented.add("VolumeDriver");
        answer.add("Implements", implemented);
        return answer;
    }

    /** Global: every node sees the same volumes, so Swarm may place a task on any of them. */
    private static JsonObject capabilities() {
        JsonObject scope = new JsonObject();
        scope.addProperty("Scope", "global");
        JsonObject answer = new JsonObject();
        answer.add("Capabilities", scope);
        return answer;
    }

    /**
     * Writes the record. With a quota, the directory is made now rather than on first mount
     * (gluster limits only a directory that exists) and the limit is set before the record is
     * written; when the limit is refused, a directory made here is removed again.
     */
    private JsonObject create(String name, CreateOptions options)
            throws DockerVolumeRequestException, IOException, InterruptedException {
        String volume = nodeVolumes.defaultVolume(options.volume());
        Optional<Found> existing = find(name);
        if (existing.isPresent()) {
            VolumeRecord record = existing.get().record();
            boolean same = record.volume().equals(volume) && record.uid() == options.uid()
                    && record.gid() == options.gid() && record.mode() == options.mode()
                    && record.quotaBytes().equals(options.quotaBytes())
                    && record.deleteOnRemove() == options.deleteOnRemove();
            // Docker creates again on every node that first meets the volume: with its options, or none.
            if (same || options.equals(CreateOptions.defaults())) {
                return ok();
            }
            throw new DockerVolumeRequestException("volume " + name + " exists on Brickwork volume " + record.volume()
                    + " with other options (uid " + record.uid() + ", gid " + record.gid() + ", mode "
                    + String.format("%04o", record.mode()) + record.quotaBytes().stream()
                    .mapToObj(bytes -> ", quota " + bytes + " bytes").findFirst().orElse("") + ")");
        }
        Path mountPoint = nodeVolumes.mountPointOf(Optional.of(volume));
        try (Directories.Handle root = safeRoot(volume, mountPoint)) {
            if (options.deleteOnRemove() && !(root.inspect(name) instanceof Entry.Missing)) {
                // Data the driver did not make (an application directory of the spec, say) is never its to delete.
                throw new DockerVolumeRequestException("option on-remove=delete: " + mountPoint.resolve(name)
                        + " is already there; only a directory this driver makes may be deleted on remove");
            }
            if (options.quotaBytes().isPresent()) {
                limitDirectory(root, name, options, volume);
            }
            try (Directories.Handle records = openOrCreate(root, META, RECORDS)) {
                VolumeRecord record = new VolumeRecord(name, volume, options.uid(), options.gid(), options.mode(),
                        options.quotaBytes(), options.deleteOnRemove(), clock.instant());
                records.writeFile(name + ".json", record.json(), PRIVATE_FILE);
            }
        }
        log.info(() -> "created Docker volume " + name + " on " + volume);
        return ok();
    }

    private void limitDirectory(Directories.Handle root, String name, CreateOptions options, String volume)
            throws DockerVolumeRequestException, IOException, InterruptedException {
        boolean made = false;
        try {
            if (root.inspect(name) instanceof Entry.Missing) {
                try (Directories.Handle created = root.createChild(name, options.mode())) {
                    made = true;
                    ownership.set(created, Integer.toString(options.uid()), Integer.toString(options.gid()));
                }
            }
            try (Directories.Handle data = root.openChild(name)) {
                data.attributes();
            }
        } catch (UnsafePathException | NoSuchAccountException e) {
            throw new DockerVolumeRequestException("cannot use " + root.path().resolve(name) + ": " + e.getMessage());
        }
        try {
            quotas.limit(volume, name, options.quotaBytes().getAsLong());
        } catch (DockerVolumeRequestException | InterruptedException | RuntimeException e) {
            if (made) {
                root.deleteDirectory(name);
            }
            throw e;
        }
    }

    private JsonObject get(String name) throws DockerVolumeRequestException, IOException, InterruptedException {
        Found found = require(name);
        VolumeRecord record = found.record();
        JsonObject status = new JsonObject();
        status.addProperty("brickwork-volume", record.volume());
        status.addProperty("node-mount", found.mountPoint().toString());
        status.addProperty("uid", record.uid());
        status.addProperty("gid", record.gid());
        status.addProperty("mode", String.format("%04o", record.mode()));
        status.addProperty("on-remove", record.deleteOnRemove() ? CreateOptions.ON_REMOVE_DELETE
                : CreateOptions.ON_REMOVE_TRASH);
        if (record.quotaBytes().isPresent()) {
            quotaStatus(record, name, status);
        }
        JsonObject volume = describe(name, found);
        volume.addProperty("CreatedAt", record.created().toString());
        volume.add("Status", status);
        JsonObject answer = new JsonObject();
        answer.add("Volume", volume);
        return answer;
    }

    /** Gluster's own count and limit, so inspect shows what is enforced, not only what was asked. */
    private void quotaStatus(VolumeRecord record, String name, JsonObject status) throws InterruptedException {
        try {
            Optional<QuotaLimit> listed = quotas.read(record.volume(), name);
            if (listed.isEmpty() || listed.get().hardLimitBytes().isEmpty()) {
                status.addProperty("quota", "no limit on /" + name + " in gluster (" + record.quotaBytes().getAsLong()
                        + " bytes asked)");
                return;
            }
            status.addProperty("quota-limit-bytes", listed.get().hardLimitBytes().getAsLong());
            status.addProperty("quota-used-bytes", listed.get().usedBytes());
        } catch (DockerVolumeRequestException e) {
            status.addProperty("quota", "unknown: " + e.getMessage());
        }
    }

    private JsonObject list() throws IOException, InterruptedException {
        JsonArray volumes = new JsonArray();
        for (Map.Entry<String, Path> entry : nodeVolumes.mountPoints().entrySet()) {
            Optional<String> unsafe = safety.unsafe(entry.getKey(), entry.getValue());
            if (unsafe.isPresent()) {
                log.warning(() -> "list leaves out Brickwork volume " + entry.getKey() + ": " + unsafe.get());
                continue;
            }
            for (String name : recordNames(entry.getValue())) {
                JsonObject volume = new JsonObject();
                volume.addProperty("Name", name);
                volume.addProperty("Mountpoint", entry.getValue().resolve(name).toString());
                volumes.add(volume);
            }
        }
        JsonObject answer = new JsonObject();
        answer.add("Volumes", volumes);
        return answer;
    }

    private JsonObject path(String name) throws DockerVolumeRequestException, IOException, InterruptedException {
        Found found = require(name);
        JsonObject answer = new JsonObject();
        answer.addProperty("Mountpoint", found.mountPoint().resolve(name).toString());
        return answer;
    }

    /**
     * The directory is created here, on first use, as the record says; the container's mount
     * is recorded before the path is handed out, so a remove elsewhere sees it.
     */
    private JsonObject mount(String name, String id, PendingCall call) throws DockerVolumeRequestException,
            IOException, InterruptedException {
        Found found = require(name);
        VolumeRecord record = found.record();
        try (Directories.Handle root = safeRoot(record.volume(), found.mountPoint())) {
            Entry entry = root.inspect(name);
            if (entry instanceof Entry.Missing) {
                try (Directories.Handle created = root.createChild(name, record.mode())) {
                    ownership.set(created, Integer.toString(record.uid()), Integer.toString(record.gid()));
                } catch (FileAlreadyExistsException raced) {
                    // Another node created it meanwhile; it is checked like any existing one below.
                }
            }
            try (Directories.Handle data = root.openChild(name)) {
                data.attributes();
            }
            try (Directories.Handle mounts = openOrCreate(root, META, MOUNTS, name)) {
                mounts.writeFile(claim(id), new byte[0], PRIVATE_FILE);
                if (!call.claimByDriver()) {
                    mounts.deleteFile(claim(id));
                    throw new DockerVolumeRequestException("the mount of " + name + " finished after dockerd was told"
                            + " it failed; its record is undone");
                }
            }
        } catch (UnsafePathException | NoSuchAccountException e) {
            throw new DockerVolumeRequestException("cannot use " + found.mountPoint().resolve(name) + ": "
                    + e.getMessage());
        }
        JsonObject answer = new JsonObject();
        answer.addProperty("Mountpoint", found.mountPoint().resolve(name).toString());
        return answer;
    }

    private JsonObject unmount(String name, String id) throws DockerVolumeRequestException, IOException,
            InterruptedException {
        Found found = require(name);
        try (Directories.Handle root = safeRoot(found.record().volume(), found.mountPoint());
                Directories.Handle mounts = openExisting(root, META, MOUNTS, name)) {
            if (mounts != null && !(mounts.inspect(claim(id)) instanceof Entry.Missing)) {
                mounts.deleteFile(claim(id));
            }
        }
        return ok();
    }

    /** The data goes to the trash on the volume, never deleted here; refused while any node has it mounted. */
    private JsonObject remove(String name) throws DockerVolumeRequestException, IOException, InterruptedException {
        Found found = require(name);
        try (Directories.Handle root = safeRoot(found.record().volume(), found.mountPoint());
                Directories.Handle meta = root.openChild(META)) {
            try (Directories.Handle mounts = openExisting(root, META, MOUNTS, name)) {
                if (mounts != null) {
                    List<String> holders = mounts.list().stream().filter(holder -> !holder.startsWith(".")).toList();
                    if (!holders.isEmpty()) {
                        throw new DockerVolumeRequestException("volume " + name + " is still mounted for "
                                + holders.size() + " container(s): " + String.join(", ", holders.stream()
                                .map(VolumeDriver::describeClaim).toList()));
                    }
                }
            }
            if (root.inspect(name) instanceof Entry.Directory) {
                try (Directories.Handle trash = openOrCreate(root, META, TRASH)) {
                    // Deleted or not, the data leaves its name at once: a delete cut short is left in the trash.
                    String trashed = name + "." + TRASH_TIME.format(clock.instant());
                    root.move(name, trash, trashed);
                    log.info(() -> "moved " + found.mountPoint().resolve(name) + " to " + trash.path().resolve(trashed));
                    if (found.record().deleteOnRemove()) {
                        deleteFromTrash(trash, trashed);
                    }
                }
            } else if (!(root.inspect(name) instanceof Entry.Missing)) {
                throw new DockerVolumeRequestException(found.mountPoint().resolve(name) + " is not a directory;"
                        + " leaving it and the volume's record alone");
            }
            try (Directories.Handle records = meta.openChild(RECORDS)) {
                records.deleteFile(name + ".json");
            }
            try (Directories.Handle mountsParent = openExisting(root, META, MOUNTS)) {
                if (mountsParent != null && mountsParent.inspect(name) instanceof Entry.Directory) {
                    mountsParent.deleteDirectory(name);
                }
            } catch (DirectoryNotEmptyException raced) {
                log.warning(() -> "volume " + name + " was mounted while it was removed; its mount records stay");
            }
        }
        return ok();
    }

    /** on-remove=delete: the tree, walked by handles; a link is removed, never followed. */
    private static void deleteFromTrash(Directories.Handle trash, String trashed) {
        try {
            deleteTree(trash, trashed, 0);
            log.info(() -> "deleted " + trash.path().resolve(trashed) + " (on-remove=delete)");
        } catch (IOException | RuntimeException e) {
            log.warning(() -> "could not delete all of " + trash.path().resolve(trashed) + " (on-remove=delete); the"
                    + " rest stays in the trash: " + e);
        }
    }

    private static void deleteTree(Directories.Handle parent, String name, int depth) throws IOException {
        if (depth > MAX_DELETE_DEPTH) {
            throw new IOException("deeper than " + MAX_DELETE_DEPTH + " directories");
        }
        try (Directories.Handle directory = parent.openChild(name)) {
            for (String child : directory.list()) {
                if (directory.inspect(child) instanceof Entry.Directory) {
                    deleteTree(directory, child, depth + 1);
                } else {
                    directory.deleteFile(child);
                }
            }
        }
        parent.deleteDirectory(name);
    }

    private static String describeClaim(String claim) {
        int dot = claim.indexOf('.');
        return dot < 0 ? claim : "on " + claim.substring(0, dot) + " (mount " + claim.substring(dot + 1,
                Math.min(claim.length(), dot + 13)) + ")";
    }

    private String claim(String id) {
        return nodeName + "." + id;
    }

    private JsonObject describe(String name, Found found) {
        JsonObject volume = new JsonObject();
        volume.addProperty("Name", name);
        volume.addProperty("Mountpoint", found.mountPoint().resolve(name).toString());
        return volume;
    }

    /** A Docker volume's record and the mount point of its Brickwork volume on this node. */
    private record Found(VolumeRecord record, Path mountPoint) {}

    private Found require(String name) throws DockerVolumeRequestException, IOException, InterruptedException {
        return find(name).orElseThrow(() -> new DockerVolumeRequestException("no Docker volume " + name
                + " on this node's Brickwork volumes (" + String.join(", ", namesOfVolumes()) + ")"));
    }

    private List<String> namesOfVolumes() {
        try {
            return List.copyOf(nodeVolumes.mountPoints().keySet());
        } catch (IOException e) {
            return List.of("unreadable: " + e.getMessage());
        }
    }

    /**
     * The record of {@code name} on one of this node's Brickwork volumes. A volume whose mount is
     * unsafe cannot be looked in, so then the answer is a refusal naming it, never "no such volume".
     */
    private Optional<Found> find(String name) throws DockerVolumeRequestException, IOException,
            InterruptedException {
        List<String> unsafe = new ArrayList<>();
        Optional<Found> found = Optional.empty();
        for (Map.Entry<String, Path> entry : nodeVolumes.mountPoints().entrySet()) {
            Optional<String> problem = safety.unsafe(entry.getKey(), entry.getValue());
            if (problem.isPresent()) {
                unsafe.add(problem.get());
                continue;
            }
            Optional<VolumeRecord> record = readRecord(entry.getValue(), name);
            if (record.isPresent()) {
                if (found.isPresent()) {
                    throw new DockerVolumeRequestException("volume " + name + " has records on two Brickwork volumes, "
                            + found.get().record().volume() + " and " + entry.getKey() + "; remove one by hand");
                }
                if (!record.get().volume().equals(entry.getKey())) {
                    throw new DockerVolumeRequestException("the record of " + name + " on " + entry.getKey()
                            + " names Brickwork volume " + record.get().volume());
                }
                found = Optional.of(new Found(record.get(), entry.getValue()));
            }
        }
        if (found.isEmpty() && !unsafe.isEmpty()) {
            throw new DockerVolumeRequestException("refusing: " + String.join("; ", unsafe));
        }
        return found;
    }

    private Optional<VolumeRecord> readRecord(Path mountPoint, String name) throws DockerVolumeRequestException,
            IOException {
        try (Directories.Handle root = directories.open(mountPoint);
                Directories.Handle records = openExisting(root, META, RECORDS)) {
            if (records == null) {
                return Optional.empty();
            }
            Optional<byte[]> json = records.readFile(name + ".json", MAX_RECORD);
            return json.isEmpty() ? Optional.empty() : Optional.of(VolumeRecord.parse(json.get(), name));
        } catch (UnsafePathException e) {
            throw new DockerVolumeRequestException(e.getMessage());
        }
    }

    private List<String> recordNames(Path mountPoint) throws IOException {
        List<String> names = new ArrayList<>();
        try (Directories.Handle root = directories.open(mountPoint);
                Directories.Handle records = openExisting(root, META, RECORDS)) {
            if (records == null) {
                return names;
            }
            for (String file : records.list()) {
                if (file.endsWith(".json")) {
                    String name = file.substring(0, file.length() - ".json".length());
                    try {
                        names.add(DockerVolumeName.check(name));
                    } catch (DockerVolumeRequestException e) {
                        log.warning(() -> "ignoring " + records.path().resolve(file) + ": " + e.getMessage());
                    }
                }
            }
        } catch (UnsafePathException e) {
            log.warning(() -> "cannot list Docker volumes on " + mountPoint + ": " + e.getMessage());
        }
        return names;
    }

    /**
     * A handle on the mount point, checked safe before it is opened and again after: a handle
     * opened while the mount was away would be the local directory under it.
     */
    private Directories.Handle safeRoot(String volume, Path mountPoint)
            throws DockerVolumeRequestException, IOException, InterruptedException {
        refuseUnsafe(volume, mountPoint);
        Directories.Handle root = directories.open(mountPoint);
        try {
            refuseUnsafe(volume, mountPoint);
            return root;
        } catch (DockerVolumeRequestException | RuntimeException e) {
            root.close();
            throw e;
        }
    }

    private void refuseUnsafe(String volume, Path mountPoint) throws DockerVolumeRequestException,
            InterruptedException {
        Optional<String> problem = safety.unsafe(volume, mountPoint);
        if (problem.isPresent()) {
            throw new DockerVolumeRequestException("refusing: " + problem.get());
        }
    }

    /** Opens root/a/b/..., creating missing segments root-only; never follows a link. */
    private static Directories.Handle openOrCreate(Directories.Handle root, String... segments)
            throws IOException, DockerVolumeRequestException {
        Directories.Handle current = root;
        try {
            for (String segment : segments) {
                Directories.Handle next;
                if (current.inspect(segment) instanceof Entry.Missing) {
                    try {
                        next = current.createChild(segment, PRIVATE_DIRECTORY);
                    } catch (FileAlreadyExistsException raced) {
                        next = current.openChild(segment);
                    }
                } else {
                    next = current.openChild(segment);
                }
                if (current != root) {
                    current.close();
                }
                current = next;
            }
            return current;
        } catch (UnsafePathException e) {
            closeUnlessRoot(current, root);
            throw new DockerVolumeRequestException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            closeUnlessRoot(current, root);
            throw e;
        }
    }

    /** Opens root/a/b/...; null when a segment is missing. */
    private static Directories.Handle openExisting(Directories.Handle root, String... segments) throws IOException {
        Directories.Handle current = root;
        try {
            for (String segment : segments) {
                Directories.Handle next;
                try {
                    next = current.openChild(segment);
                } catch (NoSuchFileException e) {
                    closeUnlessRoot(current, root);
                    return null;
                }
                closeUnlessRoot(current, root);
                current = next;
            }
            return current == root ? null : current;
        } catch (IOException | RuntimeException e) {
            closeUnlessRoot(current, root);
            throw e;
        }
    }

    private static void closeUnlessRoot(Directories.Handle handle, Directories.Handle root) throws IOException {
        if (handle != root) {
            handle.close();
        }
    }

    private static JsonObject ok() {
        JsonObject answer = new JsonObject();
        answer.addProperty("Err", "");
        return answer;
    }

    private JsonObject error(String message) {
        JsonObject answer = new JsonObject();
        answer.addProperty("Err", "brickwork on " + nodeName + ": " + message);
        return answer;
    }
}
