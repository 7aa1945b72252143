package io.brickwork.agent.gluster;

import static io.brickwork.agent.gluster.GlusterSamples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GlusterXmlTest {
    @Test
    void readsPeersWithAllTheirHostnames() throws GlusterXml.MalformedException {
        List<Peer> peers = GlusterXml.peers(GlusterXml.envelope(sample("peer-status-two-peers.xml")).root());

        assertEquals(List.of(
                new Peer("4413913c-9da2-40fc-b5c5-b0cb7f0164c6", "node2", List.of("node2"), true, "Peer in Cluster"),
                new Peer("7f5f3bf7-cb3b-48c7-a3ed-218edcb6a98e", "10.214.0.13", List.of("10.214.0.13", "node3"), true,
                        "Peer in Cluster")), peers);
    }

    @Test
    void aPeerProbedByAddressIsAlsoKnownByItsName() throws GlusterXml.MalformedException {
        Peer node3 = GlusterXml.peers(GlusterXml.envelope(sample("peer-status-two-peers.xml")).root()).get(1);

        assertTrue(node3.knownAs("node3"));
        assertTrue(node3.knownAs("10.214.0.13"));
        assertFalse(node3.knownAs("node2"));
    }

    @Test
    void readsADisconnectedPeerAsNotReady() throws GlusterXml.MalformedException {
        Peer node3 = GlusterXml.peers(GlusterXml.envelope(sample("peer-status-disconnected.xml")).root()).get(1);

        assertFalse(node3.connected());
        assertEquals("Peer in Cluster", node3.state());
        assertFalse(node3.ready());
    }

    @Test
    void readsAnEmptyPeerList() throws GlusterXml.MalformedException {
        assertEquals(List.of(), GlusterXml.peers(GlusterXml.envelope(sample("peer-status-empty.xml")).root()));
    }

    @Test
    void readsPoolListIncludingLocalhostWithoutState() throws GlusterXml.MalformedException {
        List<Peer> pool = GlusterXml.peers(GlusterXml.envelope(sample("pool-list.xml")).root());

        assertEquals(3, pool.size());
        assertEquals(new Peer("8ee1de47-3b90-4ba5-8e32-8ed9f763428b", "localhost", List.of("localhost"), true, ""),
                pool.get(2));
    }

    @Test
    void readsAVolumeWithItsBricksInOrder() throws GlusterXml.MalformedException {
        List<VolumeInfo> volumes = GlusterXml.volumes(GlusterXml.envelope(sample("volume-info-started.xml")).root());

        assertEquals(List.of(new VolumeInfo("gfs", "c3233a83-7896-4424-ba7c-c05ebca019de", "Replicate", "Started", 3, 3,
                List.of("node1:/gluster/brick", "node2:/gluster/brick", "node3:/gluster/brick"),
                Map.of("cluster.granular-entry-heal", "on", "storage.fips-mode-rchecksum", "on",
                        "transport.address-family", "inet", "nfs.disable", "on", "performance.client-io-threads", "off"))),
                volumes);
    }

    @Test
    void readsTheOptionsSetInGlustersOrder() throws GlusterXml.MalformedException {
        VolumeInfo gfs = GlusterXml.volumes(GlusterXml.envelope(sample("volume-info-auth-allow.xml")).root()).get(0);

        assertEquals("auth.allow", gfs.options().keySet().iterator().next());
        assertEquals("10.213.8.11,10.213.8.12,10.213.8.13,10.213.8.14,10.213.8.15,10.213.8.16,10.213.8.17,10.213.8.18",
                gfs.options().get("auth.allow"));
    }

    @Test
    void readsEveryVolumeOfVolumeInfoAll() throws GlusterXml.MalformedException {
        List<VolumeInfo> volumes = GlusterXml.volumes(GlusterXml.envelope(sample("volume-info-all.xml")).root());

        assertEquals(List.of("gfs", "other"), volumes.stream().map(VolumeInfo::name).toList());
        VolumeInfo other = volumes.get(1);
        assertEquals("Distribute", other.type());
        assertEquals("Stopped", other.status());
        assertEquals(1, other.replicaCount());
        assertEquals(List.of("node1:/gluster/other"), other.bricks());
    }

    @Test
    void readsTheCreatedStatus() throws GlusterXml.MalformedException {
        VolumeInfo gfs = GlusterXml.volumes(GlusterXml.envelope(sample("volume-info-created.xml")).root()).get(0);

        assertEquals("Created", gfs.status());
        assertFalse(gfs.started());
    }

    @Test
    void readsTheErrorEnvelopeOfAMissingVolume() throws GlusterXml.MalformedException {
        GlusterXml.Envelope envelope = GlusterXml.envelope(sample("volume-info-missing.xml"));

        assertEquals(-1, envelope.opRet());
        assertEquals(30806, envelope.opErrno());
        assertEquals("Volume does not exist", envelope.opErrstr());
    }

    @Test
    void rejectsPlainTextOutput() {
        assertThrows(GlusterXml.MalformedException.class, () -> GlusterXml.envelope(sample("no-glusterd-stdout.txt")));
    }

    @Test
    void refusesDocumentsWithADoctypeSoNoExternalEntityIsEverRead() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE cliOutput [<!ENTITY secret SYSTEM "file:///etc/shadow">]>
                <cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr>&secret;</opErrstr></cliOutput>
                """;

        GlusterXml.MalformedException refused = assertThrows(GlusterXml.MalformedException.class,
                () -> GlusterXml.envelope(xxe));
        assertTrue(refused.getMessage().contains("DOCTYPE"), refused.getMessage());
    }

    @Test
    void rejectsAnotherRootElement() {
        assertThrows(GlusterXml.MalformedException.class, () -> GlusterXml.envelope("<html/>"));
    }

    @Test
    void readsAnOptionValueFromVolumeGet() throws GlusterXml.MalformedException {
        assertEquals("10.0.0.*,node1",
                GlusterXml.volumeOption(GlusterXml.envelope(sample("volume-get-auth-allow.xml")).root(), "auth.allow"));
    }

    @Test
    void readsTheDefaultOfAnOptionNeverSet() throws GlusterXml.MalformedException {
        assertEquals("*", GlusterXml.volumeOption(
                GlusterXml.envelope(sample("volume-get-auth-allow-default.xml")).root(), "auth.allow"));
    }

    @Test
    void anOptionMissingFromVolumeGetIsMalformedOutput() throws GlusterXml.MalformedException {
        GlusterXml.Envelope envelope = GlusterXml.envelope(sample("volume-get-auth-allow.xml"));

        assertThrows(GlusterXml.MalformedException.class,
                () -> GlusterXml.volumeOption(envelope.root(), "auth.reject"));
    }

    @Test
    void healSummaryCountsPendingAndSplitBrainPerBrick() throws Exception {
        List<BrickHeal> heals = GlusterXml.heals(GlusterXml.envelope(GlusterSamples.sample("heal-summary-pending.xml")).root());

        assertEquals(new BrickHeal("node1:/gluster/b1", "Connected", OptionalLong.of(6), OptionalLong.of(0)),
                heals.get(0));
    }

    @Test
    void healSummaryOfADownBrickHasNoCounts() throws Exception {
        List<BrickHeal> heals = GlusterXml.heals(GlusterXml.envelope(GlusterSamples.sample("heal-summary-pending.xml")).root());

        assertEquals("node2:/gluster/b1", heals.get(1).brick());
        assertFalse(heals.get(1).counted());
    }

    @Test
    void volumeStatusListsBrickProcessesWithoutTheSelfHealDaemonsAndNotThoseOfADisconnectedPeer() throws Exception {
        List<BrickStatus> bricks = GlusterXml.brickStatuses(GlusterXml.envelope(
                GlusterSamples.sample("volume-status-brick-down.xml")).root());

        assertEquals(List.of(new BrickStatus("gfs", "node1", "/gluster/brick", true, 50823, 18227),
                new BrickStatus("gfs", "node2", "/gluster/brick", false, 0, -1)), bricks);
    }
}
