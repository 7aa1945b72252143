package io.brickwork.agent.gluster;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandInterruptedException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The gluster CLI, typed. Every method runs one command with the given timeout; a timed-out
 * mutation may still have happened, so callers re-read state before deciding anything.
 */
public interface GlusterCli {
    /** The other peers of this node's pool (this node itself is not listed). */
    List<Peer> peerStatus(Duration timeout) throws CommandException;

    /** Empty when no volume has that name. */
    Optional<VolumeInfo> volumeInfo(String name, Duration timeout) throws CommandException;

    List<VolumeInfo> volumes(Duration timeout) throws CommandException;

    ProbeResult probe(String host, Duration timeout) throws CommandException;

    /**
     * @param replica 1 creates a plain distributed volume (gluster has no "replica 1")
     * @param arbiterCount 1 with replica 3 gives {@code replica 3 arbiter 1}: the last brick of
     *     every set is its arbiter. Abstract, not a default: a decorator that forgot it would
     *     silently drop the arbiter or fail only on a real node.
     * @param bricks "host:path", in order: consecutive groups of {@code replica} bricks mirror each other
     * @param force allow bricks on the root partition, as the seed procedure does
     */
    void createVolume(String name, int replica, int arbiterCount, List<String> bricks, boolean force,
            Duration timeout) throws CommandException;

    void startVolume(String name, Duration timeout) throws CommandException;

    /** {@code volume stop NAME}: its bricks exit and its clients lose it until it starts again. */
    void stopVolume(String name, Duration timeout) throws CommandException;

    /** The option's current value as {@code volume get} shows it (its default when never set). */
    String volumeOption(String volume, String key, Duration timeout) throws CommandException;

    void setVolumeOption(String volume, String key, String value, Duration timeout) throws CommandException;

    /** {@code volume quota VOLUME enable}: the quota translators join the volume's graph, quotad starts. */
    void enableQuota(String volume, Duration timeout) throws CommandException;

    /**
     * {@code volume quota VOLUME list /PATH} (quota must be enabled): empty when the directory does
     * not exist.
     */
    Optional<QuotaLimit> quotaLimit(String volume, String path, Duration timeout) throws CommandException;

    /** {@code volume quota VOLUME limit-usage /PATH BYTES}: the directory must exist. */
    void setQuotaLimit(String volume, String path, long bytes, Duration timeout) throws CommandException;

    /**
     * {@code volume replace-brick VOLUME OLD NEW commit force}: the only form gluster 10 keeps;
     * the new brick starts empty and the self-heal daemon fills it from the others of its set.
     */
    void replaceBrick(String volume, String oldBrick, String newBrick, Duration timeout) throws CommandException;

    /**
     * {@code volume reset-brick VOLUME BRICK start}: stops the brick's process so that its path
     * may be taken back; glusterd answers success again when it is stopped already.
     */
    void resetBrickStart(String volume, String brick, Duration timeout) throws CommandException;

    /**
     * {@code volume reset-brick VOLUME BRICK BRICK commit force}: the same path back in the volume,
     * empty; glusterd sets the volume id on it and starts its process.
     */
    void resetBrickCommit(String volume, String brick, Duration timeout) throws CommandException;

    /**
     * {@code peer detach HOST}, never with force: glusterd 10 detaches a disconnected peer that
     * holds no brick without it, and force would also detach one that still holds bricks.
     */
    void detachPeer(String host, Duration timeout) throws CommandException;

    /**
     * The volume's brick processes as glusterd reports them ({@code volume status}); quick, unlike
     * the heal read, even when a peer is unreachable (its bricks are not listed).
     */
    List<BrickStatus> volumeStatus(String volume, Duration timeout) throws CommandException;

    /** Entries pending heal and in split-brain, per brick of a started volume. */
    List<BrickHeal> healSummary(String volume, Duration timeout) throws CommandException;

    /**
     * {@code volume add-brick VOLUME [replica N [arbiter 1]] BRICKS [force]}: whole new replica
     * sets appended to the volume.
     */
    void addBricks(String volume, int replica, int arbiterCount, List<String> bricks, boolean force, Duration timeout)
            throws CommandException;

    /** {@code volume rebalance VOLUME [fix-layout] start}. */
    void startRebalance(String volume, boolean fixLayout, Duration timeout) throws CommandException;

    /** The volume's last rebalance; empty when glusterd has none to report. */
    Optional<RebalanceStatus> rebalanceStatus(String volume, Duration timeout) throws CommandException;

    /** {@code volume remove-brick VOLUME BRICKS start}: their files start migrating to the other sets. */
    void startRemoveBricks(String volume, List<String> bricks, Duration timeout) throws CommandException;

    /** {@code volume remove-brick VOLUME BRICKS commit}: they leave the volume (script mode answers its prompt). */
    void commitRemoveBricks(String volume, List<String> bricks, Duration timeout) throws CommandException;

    /**
     * {@code volume remove-brick VOLUME replica N BRICKS force}: one brick of every set leaves and
     * the replica count drops to N; nothing migrates.
     */
    void lowerReplica(String volume, int replica, List<String> bricks, Duration timeout) throws CommandException;

    /** The migration off those bricks; empty when glusterd has none for them. */
    Optional<RebalanceStatus> removeBricksStatus(String volume, List<String> bricks, Duration timeout)
            throws CommandException;

    /** glusterd answers the CLI within the timeout. */
    boolean answers(Duration timeout) throws CommandInterruptedException;
}
