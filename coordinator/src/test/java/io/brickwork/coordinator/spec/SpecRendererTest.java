package io.brickwork.coordinator.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecRendererTest {
    @Test
    void rendersEveryValueExplicitlyInCanonicalForm() {
        ClusterSpec spec = SpecParser.parse("""
                cluster { name = staging, nodes = [node1, node2, node3] }
                volumes = [{ name = staging-gfs, replica = 3, brick = /gluster/brick }]
                """, "test.conf");

        assertEquals("""
                cluster {
                  name = "staging"
                  manager = "node1"
                  nodes = ["node1", "node2", "node3"]
                }
                volumes = [
                  {
                    name = "staging-gfs"
                    replica = 3
                    nodes = ["node1", "node2", "node3"]
                    brick = "/gluster/brick"
                    force = false
                    mount {
                      path = "/mnt"
                      owner = "root"
                      group = "docker"
                    }
                  }
                ]
                """, SpecRenderer.render(spec));
    }

    @Test
    void rendersAuthAllowAfterForceWhenTheSpecHasIt() {
        ClusterSpec spec = SpecParser.parse("""
                cluster { name = staging, nodes = [node1] }
                volumes = [{ name = gfs, replica = 1, brick = /gluster/brick, auth-allow = ["10.0.0.*", client.example.com] }]
                """, "test.conf");

        assertTrue(SpecRenderer.render(spec).contains("""
                    force = false
                    auth-allow = ["10.0.0.*", "client.example.com"]
                    mount {
                """), SpecRenderer.render(spec));
    }

    @Test
    void roundTripsAFullSpec() {
        Map<String, String> hosts = new LinkedHashMap<>();
        hosts.put("node1.example.com", "10.0.0.1");
        hosts.put("node3", "fd00::3");
        ClusterSpec spec = new ClusterSpec(
                "staging",
                "node3",
                List.of("node1.example.com", "node2", "node3", "4"),
                hosts,
                List.of(
                        new VolumeSpec("data", 2, List.of("node1.example.com", "node2", "node3", "4"), "/gluster/data", true,
                                Optional.of(List.of("10.0.0.*", "fd00::10", "client.example.com")),
                                new MountSpec("/srv/data", "1000", "docker", "defaults,_netdev,backup-volfile-servers=node2:node3")),
                        new VolumeSpec("logs", 1, List.of("node2"), "/gluster/logs", false, Optional.empty(),
                                new MountSpec("/srv/logs", "root", "adm", null))));

        ClusterSpec parsed = SpecParser.parse(SpecRenderer.render(spec), "rendered.conf");

        assertEquals(spec, parsed);
        assertEquals(List.copyOf(spec.hosts().keySet()), List.copyOf(parsed.hosts().keySet()));
    }

    @Test
    void renderingIsStable() {
        ClusterSpec spec = SpecParser.parse("""
                cluster { name = staging, nodes = [node1, node2], hosts { node2 = "10.0.0.2", node1 = "10.0.0.1" } }
                volumes = [{ name = gfs, replica = 2, brick = /gluster/brick }]
                """, "test.conf");
        String rendered = SpecRenderer.render(spec);

        assertEquals(rendered, SpecRenderer.render(SpecParser.parse(rendered, "rendered.conf")));
    }
}
