package io.brickwork.coordinator.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountSpecTest {
    @Test
    void defaultOptionsWaitForGlusterdAndNameTheOtherNodesAsVolfileServers() {
        assertEquals("defaults,_netdev,nosuid,nodev,x-systemd.requires=glusterd.service,backup-volfile-servers=node2:node3",
                MountSpec.defaults().effectiveOptions(List.of("node2", "node3")));
    }

    @Test
    void defaultOptionsOnASingleNodeNameNoVolfileServers() {
        assertEquals("defaults,_netdev,nosuid,nodev,x-systemd.requires=glusterd.service",
                MountSpec.defaults().effectiveOptions(List.of()));
    }

    @Test
    void explicitOptionsWinButAlwaysGetNosuidAndNodev() {
        MountSpec mount = new MountSpec("/mnt", "root", "docker", "defaults,_netdev,noexec");

        assertEquals("defaults,_netdev,noexec,nosuid,nodev", mount.effectiveOptions(List.of("node2")));
    }
}
