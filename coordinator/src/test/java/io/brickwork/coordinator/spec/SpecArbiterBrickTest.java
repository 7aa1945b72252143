package io.brickwork.coordinator.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecArbiterBrickTest {
    /** Two data nodes and a third cluster node that holds no data brick. */
    private static String spec(String volume) {
        return """
                cluster { name = staging, nodes = [node1, node2, node3] }
                volumes = [{
                  name = gfs
                  nodes = [node1, node2]
                """ + volume + "\n}]\n";
    }

    private static String valid(String arbiterBrick) {
        return spec("replica = 3\narbiter = true\nforce = true\nbrick = \"/gluster/brick\"\narbiter-brick " + arbiterBrick);
    }

    private static List<String> violations(String text) {
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(text, "test.conf"));
        return e.violations().stream().map(Violation::toString).toList();
    }

    @Test
    void anArbiterBrickOnADataNodeIsTheLastOfThreeBricks() {
        VolumeSpec volume = SpecParser.parse(valid("{ node = node1, path = \"/gluster/arbiter\" }"), "test.conf")
                .volumes().get(0);

        assertEquals(Optional.of(new ArbiterBrickSpec("node1", "/gluster/arbiter")), volume.arbiterBrick());
        assertEquals(List.of("node1:/gluster/brick", "node2:/gluster/brick"), volume.bricks());
        assertEquals(List.of("node1:/gluster/brick", "node2:/gluster/brick", "node1:/gluster/arbiter"),
                volume.allBricks());
    }

    @Test
    void anArbiterBrickMayBeOnAThirdNodeWithoutForce() {
        VolumeSpec volume = SpecParser.parse(spec("""
                replica = 3
                arbiter = true
                brick = "/gluster/brick"
                arbiter-brick { node = node3, path = "/gluster/brick" }"""), "test.conf").volumes().get(0);

        assertEquals(List.of("node1:/gluster/brick", "node2:/gluster/brick", "node3:/gluster/brick"), volume.allBricks());
    }

    @Test
    void renderedSpecReadsBackTheSame() {
        ClusterSpec spec = SpecParser.parse(valid("{ node = node2, path = \"/gluster/arbiter\" }"), "test.conf");

        String rendered = SpecRenderer.render(spec);

        assertEquals(spec, SpecParser.parse(rendered, "rendered.conf"));
        assertEquals(true, rendered.contains("arbiter-brick = { node = \"node2\", path = \"/gluster/arbiter\" }"), rendered);
    }

    @Test
    void aVolumeWithoutArbiterBrickRendersNone() {
        ClusterSpec spec = SpecParser.parse(spec("replica = 2\nbrick = \"/gluster/brick\""), "test.conf");

        assertEquals(Optional.empty(), spec.volumes().get(0).arbiterBrick());
        assertEquals(false, SpecRenderer.render(spec).contains("arbiter-brick"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "node9|/gluster/arbiter|volumes[0].arbiter-brick.node = node9: not one of cluster.nodes (node1, node2, node3)",
        "node1|gluster/arbiter|volumes[0].arbiter-brick.path = gluster/arbiter: must be an absolute path",
        "node1|/gluster/arbiter/|volumes[0].arbiter-brick.path = /gluster/arbiter/: must be normalized (did you mean /gluster/arbiter?)",
        "node1|/gluster/../etc|volumes[0].arbiter-brick.path = /gluster/../etc: must be normalized (did you mean /etc?)",
        "node1|/etc|volumes[0].arbiter-brick.path = /etc: is a system directory",
        "node1|/tmp/arbiter|volumes[0].arbiter-brick.path = /tmp/arbiter: is under /tmp, which does not keep data across reboots",
        "node1|/gluster/brick|volumes[0].arbiter-brick.path = /gluster/brick: same as volumes[0].brick, the data brick on node1: the arbiter needs a brick of its own",
        "node2|/gluster/brick/arbiter|volumes[0].arbiter-brick.path = /gluster/brick/arbiter: inside volumes[0].brick (/gluster/brick), the data brick on node2: the arbiter needs a brick of its own",
        "node1|/mnt/arbiter|volumes[0].arbiter-brick.path = /mnt/arbiter: inside volumes[0].mount.path (/mnt)",
    })
    void aBadNodeOrPathIsNamedWithKeyAndValue(String node, String path, String violation) {
        assertEquals(List.of(violation), violations(valid("{ node = " + node + ", path = \"" + path + "\" }")));
    }

    @Test
    void onlyAVolumeOnExactlyTwoNodesTakesAnArbiterBrick() {
        List<String> violations = violations("""
                cluster { name = staging, nodes = [node1, node2, node3] }
                volumes = [{ name = gfs, replica = 3, arbiter = true, force = true, brick = "/gluster/brick"
                  arbiter-brick { node = node1, path = "/gluster/arbiter" } }]
                """);

        assertEquals(List.of("volumes[0].arbiter-brick = node1:/gluster/arbiter: is only for a volume on exactly two nodes,"
                + " this one has 3; with three or more use replica = 3 and arbiter = true without it"), violations);
    }

    @Test
    void theSpecMustSayReplicaThreeAndArbiter() {
        List<String> violations = violations(spec("""
                replica = 2
                force = true
                brick = "/gluster/brick"
                arbiter-brick { node = node1, path = "/gluster/arbiter" }"""));

        assertEquals(List.of(
                "volumes[0].replica = 2: must be 3 with an arbiter-brick (two data bricks and the arbiter: replica 3 arbiter 1)",
                "volumes[0].arbiter = false: must be true with an arbiter-brick"), violations);
    }

    @Test
    void anArbiterOnADataNodeNeedsForceInTheSpec() {
        List<String> violations = violations(spec("""
                replica = 3
                arbiter = true
                brick = "/gluster/brick"
                arbiter-brick { node = node2, path = "/gluster/arbiter" }"""));

        assertEquals(List.of("volumes[0].force = false: must be true with an arbiter-brick on a data node (node2):"
                + " gluster refuses two bricks of one replica set on one server without force"), violations);
    }

    @Test
    void missingAndUnknownKeysAreNamed() {
        List<String> violations = violations(valid("{ host = node1 }"));

        assertEquals(List.of(
                "volumes[0].arbiter-brick.host = node1: unknown key",
                "volumes[0].arbiter-brick.node: is required",
                "volumes[0].arbiter-brick.path: is required"),
                violations.stream().map(text -> text.replaceFirst("unknown key.*", "unknown key")).toList());
    }

    @Test
    void replicaThreeArbiterOnTwoNodesWithoutArbiterBrickSaysWhatIsMissing() {
        List<String> violations = violations(spec("replica = 3\narbiter = true\nbrick = \"/gluster/brick\""));

        assertEquals(List.of("volumes[0].replica = 3: larger than the number of nodes (2); on two nodes add an"
                + " arbiter-brick { node, path } for the third brick"), violations);
    }

    @Test
    void anArbiterBrickMustNotCollideWithAnotherVolumesBrickOnItsNode() {
        List<String> violations = violations("""
                cluster { name = staging, nodes = [node1, node2, node3] }
                volumes = [
                  { name = one, replica = 3, nodes = [node1, node2, node3], brick = "/gluster/one", force = true,
                    mount.path = "/mnt/one" }
                  { name = two, replica = 3, arbiter = true, nodes = [node1, node2], brick = "/gluster/two", force = true,
                    mount.path = "/mnt/two", arbiter-brick { node = node3, path = "/gluster/one" } }
                ]
                """);

        assertEquals(List.of("volumes[1].arbiter-brick.path = /gluster/one: same as volumes[0].brick on node3"), violations);
    }
}
