package io.brickwork.coordinator.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecParserTest {
    /** Three nodes; tests add a volume, or override cluster keys by appending (HOCON merges). */
    private static final String CLUSTER = """
            cluster {
              name = staging
              nodes = [node1, node2, node3]
            }
            """;
    /** One valid volume with only its required keys; {@link #withVolume} appends overrides inside it. */
    private static final String VOLUME = """
            name = staging-gfs
            replica = 3
            brick = "/gluster/brick"
            """;
    private static final String VALID = withVolume("");

    // ---- what is accepted -------------------------------------------------------------------

    @Test
    void parsesTheExampleFromTheManualProcedure() {
        ClusterSpec spec = SpecParser.parse(resource("/spec/staging.conf"), "staging.conf");

        assertEquals(new ClusterSpec(
                "staging",
                "node1",
                List.of("node1", "node2", "node3"),
                Map.of(),
                List.of(new VolumeSpec("staging-gfs", 3, List.of("node1", "node2", "node3"), "/gluster/brick", true, Optional.empty(),
                        new MountSpec("/mnt", "root", "docker", null)))),
                spec);
    }

    @Test
    void managerDefaultsToTheFirstNode() {
        assertEquals("node1", SpecParser.parse(VALID, "test.conf").manager());
    }

    @Test
    void volumeSpansAllClusterNodesByDefault() {
        VolumeSpec volume = SpecParser.parse(VALID, "test.conf").volumes().get(0);

        assertEquals(List.of("node1:/gluster/brick", "node2:/gluster/brick", "node3:/gluster/brick"), volume.bricks());
    }

    @Test
    void forceIsOffUnlessAsked() {
        assertFalse(SpecParser.parse(VALID, "test.conf").volumes().get(0).force());
    }

    @Test
    void mountDefaultsToMntOwnedByRootAndDocker() {
        assertEquals(MountSpec.defaults(), SpecParser.parse(VALID, "test.conf").volumes().get(0).mount());
    }

    @Test
    void mountDefaultsFillOnlyTheKeysLeftOut() {
        MountSpec mount = SpecParser.parse(withVolume("mount { path = /srv/shared }"), "test.conf").volumes().get(0).mount();

        assertEquals(new MountSpec("/srv/shared", "root", "docker", null), mount);
    }

    @Test
    void hostsAreOptional() {
        assertEquals(Map.of(), SpecParser.parse(VALID, "test.conf").hosts());
    }

    @Test
    void hostsAreKeptInNodeOrder() {
        String spec = VALID + """
                cluster.hosts {
                  node3 = "10.0.0.3"
                  node1 = "10.0.0.1"
                }
                """;

        Map<String, String> hosts = SpecParser.parse(spec, "test.conf").hosts();

        assertEquals(List.of("node1", "node3"), List.copyOf(hosts.keySet()));
        assertEquals("10.0.0.1", hosts.get("node1"));
    }

    @Test
    void volumeMayUseASubsetOfNodesInItsOwnOrder() {
        String spec = CLUSTER + """
                volumes = [{ name = pair, replica = 2, brick = "/gluster/pair", nodes = [node3, node1] }]
                """;

        VolumeSpec volume = SpecParser.parse(spec, "test.conf").volumes().get(0);

        assertEquals(List.of("node3:/gluster/pair", "node1:/gluster/pair"), volume.bricks());
    }

    @Test
    void replicaMayDivideTheNodesIntoSeveralSets() {
        String spec = """
                cluster { name = big, nodes = [a, b, c, d] }
                volumes = [{ name = dist, replica = 2, brick = "/gluster/brick" }]
                """;

        assertEquals(2, SpecParser.parse(spec, "test.conf").volumes().get(0).replica());
    }

    @Test
    void explicitMountOptionsAreKeptVerbatim() {
        MountSpec mount = SpecParser.parse(withVolume("mount.options = \"defaults,_netdev\""), "test.conf").volumes().get(0).mount();

        assertEquals("defaults,_netdev", mount.options());
    }

    @Test
    void numericOwnerAndGroupAreAccepted() {
        MountSpec mount = SpecParser.parse(withVolume("mount { owner = 1000, group = 999 }"), "test.conf").volumes().get(0).mount();

        assertEquals("1000", mount.owner());
        assertEquals("999", mount.group());
    }

    @Test
    void volumesOnDisjointNodesMayUseTheSameBrickPath() {
        String spec = """
                cluster { name = staging, nodes = [a, b, c, d] }
                volumes = [
                  { name = one, replica = 2, brick = "/gluster/brick", nodes = [a, b], mount.path = /srv/one }
                  { name = two, replica = 2, brick = "/gluster/brick", nodes = [c, d], mount.path = /srv/two }
                ]
                """;

        assertEquals(2, SpecParser.parse(spec, "test.conf").volumes().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "\"true\"", "yes", "on"})
    void forceAcceptsWhatTypesafeReadsAsTrue(String value) {
        assertTrue(SpecParser.parse(withVolume("force = " + value), "test.conf").volumes().get(0).force());
    }

    @Test
    void quotedNumberIsANumber() {
        assertEquals(3, SpecParser.parse(withVolume("replica = \"3\""), "test.conf").volumes().get(0).replica());
    }

    @Test
    void substitutionsWithinTheDocumentResolve() {
        String spec = withVolume("name = ${cluster.name}-gfs");

        assertEquals("staging-gfs", SpecParser.parse(spec, "test.conf").volumes().get(0).name());
    }

    // ---- the document as a whole --------------------------------------------------------------

    @Test
    void syntaxErrorNamesTheOriginAndLine() {
        String spec = "cluster {\n  name = staging\n  nodes = [node1\n";

        Violation violation = onlyViolation(spec);

        assertEquals("", violation.key());
        assertTrue(violation.problem().startsWith("test.conf: 4:"), violation.problem());
    }

    @Test
    void environmentVariablesAreNotSubstituted() {
        Violation violation = onlyViolation(VALID + "cluster.name = ${PATH}\n");

        assertTrue(violation.problem().contains("${PATH}"), violation.problem());
    }

    @Test
    void optionalSubstitutionOfAnEnvironmentVariableStaysAbsent() {
        String spec = withVolume("mount.options = ${?PATH}");

        assertNull(SpecParser.parse(spec, "test.conf").volumes().get(0).mount().options());
    }

    @ParameterizedTest
    @ValueSource(strings = {"include \"other.conf\"", "include file(\"/etc/passwd\")", "include classpath(\"reference.conf\")"})
    void includesAreRefused(String include) {
        Violation violation = onlyViolation(include + "\n" + VALID);

        assertTrue(violation.problem().startsWith(include + ":"), violation.problem());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String spec = """
                cluster { name = "bad name", nodes = [node1, node2, node3], manager = node9 }
                volumes = [{ name = staging-gfs, replica = 4, brick = "gluster/brick", colour = blue }]
                """;

        List<String> keys = violations(spec).stream().map(Violation::key).toList();

        assertEquals(
                List.of("volumes[0].colour", "cluster.name", "cluster.manager", "volumes[0].replica", "volumes[0].brick"),
                keys);
    }

    @Test
    void exceptionMessageNamesTheOriginAndEveryViolation() {
        SpecException exception = assertThrows(SpecException.class,
                () -> SpecParser.parse(withVolume("replica = 4\nbrick = relative"), "staging.conf"));

        assertEquals("""
                invalid spec staging.conf:
                  volumes[0].replica = 4: larger than the number of nodes (3)
                  volumes[0].brick = relative: must be an absolute path""", exception.getMessage());
    }

    // ---- the document's size and shape --------------------------------------------------------

    @Test
    void rejectsADocumentLargerThanTheLimit() {
        String spec = VALID + "# " + "x".repeat(DocumentLimits.MAX_CHARS) + "\n";

        Violation violation = onlyViolation(spec);

        assertEquals(new Violation("", null, "test.conf: " + spec.length() + " characters; a spec may have at most 65536"),
                violation);
    }

    @Test
    void rejectsASpecWhoseStoredFormWouldBeLargerThanTheLimit() {
        // Each volume is stored with the cluster's 200 nodes written out.
        String nodes = IntStream.range(0, 200).mapToObj(i -> String.format("n%03d", i)).collect(Collectors.joining(", "));
        String volumes = IntStream.range(0, 60)
                .mapToObj(i -> "{ name = v" + i + ", replica = 1, brick = /gluster/v" + i + ", mount.path = /srv/v" + i + " }")
                .collect(Collectors.joining("\n"));
        String spec = "cluster { name = big, nodes = [" + nodes + "] }\nvolumes = [\n" + volumes + "\n]\n";

        Violation violation = onlyViolation(spec);

        assertTrue(violation.problem().startsWith("test.conf: written out in full, as the coordinator stores it, the spec has "),
                violation.problem());
        assertTrue(violation.problem().endsWith(" characters; a spec may have at most 65536"), violation.problem());
    }

    @Test
    void rejectsBracketsNestedDeeperThanTheLimitBeforeParsing() {
        String spec = VALID + "cluster.x = " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";

        Violation violation = onlyViolation(spec);

        assertEquals("test.conf: 11: nested more than 32 levels deep", violation.problem());
    }

    @Test
    void bracketsInStringsAndCommentsDoNotNest() {
        String spec = "# " + "{".repeat(100) + "\n// " + "[".repeat(100) + "\n" + VALID + "cluster.name = \"" + "[".repeat(100) + "\"\n";

        assertEquals("cluster.name", onlyViolation(spec).key());
    }

    @Test
    void rejectsAPathExpressionNestedDeeperThanTheLimit() {
        Violation violation = onlyViolation(VALID + "cluster." + "a.".repeat(40) + "b = 1\n");

        assertEquals(new Violation("cluster" + ".a".repeat(32), null, "nested more than 32 levels deep"), violation);
    }

    @Test
    void rejectsAPathExpressionOfThousandsOfKeys() {
        // Deep enough to overflow Typesafe's recursion on a default stack, or else caught after it.
        Violation violation = onlyViolation(VALID + "cluster." + "a.".repeat(32_000) + "b = 1\n");

        assertTrue(violation.problem().contains("nested"), violation.toString());
    }

    @Test
    void rejectsASubstitutionBombBeforeItGrows() {
        StringBuilder spec = new StringBuilder(VALID).append("cluster.hosts.l0 = \"").append("x".repeat(1000)).append("\"\n");
        for (int level = 1; level <= 30; level++) {
            spec.append("cluster.hosts.l").append(level).append(" = ${cluster.hosts.l").append(level - 1)
                    .append("}${cluster.hosts.l").append(level - 1).append("}\n");
        }

        Violation violation = onlyViolation(spec.toString());

        assertEquals("test.conf: 16: more than 8 substitutions (${...} or +=); a spec may have at most 8", violation.problem());
    }

    @Test
    void appendingCountsAsASubstitution() {
        Violation violation = onlyViolation(VALID + "cluster.nodes += node4\n".repeat(9));

        assertTrue(violation.problem().startsWith("test.conf: 19: more than 8 substitutions"), violation.problem());
    }

    @Test
    void acceptsEightSubstitutions() {
        String spec = CLUSTER + """
                volumes = [{
                  name = ${cluster.name}-gfs
                  replica = 3
                  nodes = ${cluster.nodes}
                  brick = "/gluster/"${cluster.name}
                  force = ${?cluster.force}
                  auth-allow = ${cluster.nodes}
                  mount { path = "/srv/"${cluster.name}, owner = ${cluster.name}, group = ${cluster.name} }
                }]
                """;

        assertEquals(new VolumeSpec("staging-gfs", 3, List.of("node1", "node2", "node3"), "/gluster/staging", false,
                Optional.of(List.of("node1", "node2", "node3")), new MountSpec("/srv/staging", "staging", "staging", null)),
                SpecParser.parse(spec, "test.conf").volumes().get(0));
    }

    @Test
    void substitutionsInStringsAndCommentsDoNotCount() {
        String spec = VALID + "# ${a} ${b} ${c} ${d} ${e} ${f} ${g} ${h} ${i} += \n"
                + "cluster.name = \"${a}${b}${c}${d}${e}${f}${g}${h}${i}\"\n";

        assertEquals("cluster.name", onlyViolation(spec).key());
    }

    // ---- keys and types -----------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            volume = []                  | volume                  | volumes
            cluster.nmae = x             | cluster.nmae            | name
            cluster.node = [node1]       | cluster.node            | nodes
            volumes = [{ replicas = 3 }] | volumes[0].replicas     | replica
            volumes = [{ mount { onwer = root } }] | volumes[0].mount.onwer | owner
            """)
    void rejectsUnknownKeyWithTheClosestKnownKey(String override, String key, String suggestion) {
        Violation violation = violations(VALID + override).stream()
                .filter(candidate -> candidate.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no violation at " + key));

        assertTrue(violation.problem().contains("unknown key; did you mean " + suggestion + "?"), violation.toString());
    }

    @Test
    void unknownKeyFarFromAnyKnownKeyListsTheKnownKeys() {
        Violation violation = onlyViolation(withVolume("mount { colour = blue }"));

        assertEquals("volumes[0].mount.colour", violation.key());
        assertEquals("blue", violation.value());
        assertEquals("unknown key; expected one of path, owner, group, options", violation.problem());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            cluster.name      | volumes = [{ name = v, replica = 1, brick = /b }], cluster { nodes = [n1] }
            cluster.nodes     | volumes = [{ name = v, replica = 1, brick = /b }], cluster { name = c }
            cluster           | volumes = [{ name = v, replica = 1, brick = /b }]
            volumes           | cluster { name = c, nodes = [n1] }
            volumes[0].name   | cluster { name = c, nodes = [n1] }, volumes = [{ replica = 1, brick = /b }]
            volumes[0].replica| cluster { name = c, nodes = [n1] }, volumes = [{ name = v, brick = /b }]
            volumes[0].brick  | cluster { name = c, nodes = [n1] }, volumes = [{ name = v, replica = 1 }]
            """)
    void rejectsMissingRequiredKey(String key, String spec) {
        Violation violation = onlyViolation(spec);

        assertEquals(key, violation.key());
        assertNull(violation.value());
        assertEquals(key + ": is required", violation.toString());
    }

    @Test
    void explicitNullCountsAsMissing() {
        Violation violation = onlyViolation(VALID + "cluster.name = null\n");

        assertEquals("cluster.name = null: is required", violation.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            volumes[0].replica   | three              | must be a whole number | replica = three
            volumes[0].replica   | 3.5                | must be a whole number | replica = 3.5
            volumes[0].replica   | 99999999999        | is too large           | replica = 99999999999
            volumes[0].force     | maybe              | must be true or false  | force = maybe
            volumes[0].nodes     | node1              | must be a list [ ... ] | nodes = node1
            volumes[0].nodes[1]  | {"a":1}            | must be a string       | nodes = [node1, {a = 1}]
            volumes[0].name      | ["a","b"]          | must be a string       | name = [a, b]
            volumes[0].mount     | /mnt               | must be an object { ... } | mount = /mnt
            volumes[0].mount.owner | {"name":"root"}  | must be a string       | mount.owner.name = root
            """)
    void rejectsWrongTypeInAVolume(String key, String value, String problem, String override) {
        Violation violation = onlyViolation(withVolume(override));

        assertEquals(new Violation(key, value, problem), violation);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            cluster.nodes       | node1              | must be a list [ ... ]    | cluster.nodes = node1
            cluster.nodes[2]    | ["x"]              | must be a string          | cluster.nodes = [node1, node2, [x]]
            cluster             | staging            | must be an object { ... } | cluster = staging
            cluster.hosts       | 10.0.0.1           | must be an object { ... } | cluster.hosts = "10.0.0.1"
            cluster.hosts.node1 | ["10.0.0.1"]       | must be a string          | cluster.hosts.node1 = ["10.0.0.1"]
            volumes             | {"name":"v"}       | must be a list [ ... ]    | volumes = { name = v }
            volumes[0]          | staging-gfs        | must be an object { ... } | volumes = [staging-gfs]
            """)
    void rejectsWrongTypeInTheCluster(String key, String value, String problem, String override) {
        List<Violation> violations = violations(VALID + override + "\n");

        assertTrue(violations.contains(new Violation(key, value, problem)), violations.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            cluster.nodes = []    | cluster.nodes
            volumes = []          | volumes
            volumes = [{ name = v, replica = 1, brick = /b, nodes = [] }] | volumes[0].nodes
            """)
    void rejectsEmptyList(String override, String key) {
        List<Violation> violations = violations(VALID + override + "\n");

        assertTrue(violations.contains(new Violation(key, "[]", "must not be empty")), violations.toString());
    }

    // ---- names --------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"-staging", ".staging", "stag ing", "stag/ing", "stäging", "staging;rm"})
    void rejectsClusterNameOutsideThePattern(String name) {
        assertOnlyViolation(VALID + "cluster.name = " + quoted(name), "cluster.name", name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-gfs", "gfs vol", "gfs/vol", "gfs:vol", ""})
    void rejectsVolumeNameOutsideThePattern(String name) {
        assertOnlyViolation(withVolume("name = " + quoted(name)), "volumes[0].name", name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"node_3", "node3.", "node-", "node..3", "-node3", "node 3"})
    void rejectsNodeNameThatIsNotAHostName(String name) {
        String spec = withVolume("replica = 1") + "cluster.nodes = [node1, node2, " + quoted(name) + "]\n";

        assertOnlyViolation(spec, "cluster.nodes[2]", name);
    }

    @Test
    void acceptsNumericAndDottedNodeNames() {
        String spec = withVolume("") + "cluster.nodes = [1, node2.example.com, node3]\n";

        assertEquals(List.of("1", "node2.example.com", "node3"), SpecParser.parse(spec, "test.conf").nodes());
    }

    @Test
    void rejectsDuplicateNode() {
        Violation violation = onlyViolation(withVolume("replica = 1") + "cluster.nodes = [node1, node2, node1]\n");

        assertEquals(new Violation("cluster.nodes[2]", "node1", "duplicate of cluster.nodes[0]"), violation);
    }

    @Test
    void rejectsNodesThatDifferOnlyInCase() {
        Violation violation = onlyViolation(withVolume("replica = 1") + "cluster.nodes = [node1, node2, NODE1]\n");

        assertEquals("cluster.nodes[2]", violation.key());
        assertEquals("NODE1", violation.value());
        assertTrue(violation.problem().startsWith("same host as cluster.nodes[0] (node1)"), violation.problem());
    }

    @Test
    void rejectsManagerThatIsNotANode() {
        assertOnlyViolation(VALID + "cluster.manager = node9\n", "cluster.manager", "node9",
                "not one of cluster.nodes (node1, node2, node3)");
    }

    @Test
    void rejectsHostForAnUnknownNode() {
        assertOnlyViolation(VALID + "cluster.hosts.node9 = \"10.0.0.9\"\n", "cluster.hosts.node9", "10.0.0.9",
                "not one of cluster.nodes (node1, node2, node3)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"node1.example.com", "10.0.0", "10.0.0.256", "localhost", "10.0.0.1 "})
    void rejectsHostAddressThatIsNotAnIpAddress(String address) {
        assertOnlyViolation(VALID + "cluster.hosts.node1 = " + quoted(address) + "\n", "cluster.hosts.node1", address);
    }

    @Test
    void acceptsIpv6HostAddress() {
        String spec = VALID + "cluster.hosts.node1 = \"fd00::1\"\n";

        assertEquals("fd00::1", SpecParser.parse(spec, "test.conf").hosts().get("node1"));
    }

    @Test
    void rejectsTwoNodesWithTheSameAddress() {
        String spec = VALID + "cluster.hosts { node1 = \"10.0.0.1\"\nnode2 = \"10.0.0.1\" }\n";

        assertOnlyViolation(spec, "cluster.hosts.node2", "10.0.0.1", "same address as cluster.hosts.node1");
    }

    @Test
    void rejectsDuplicateVolumeName() {
        String spec = CLUSTER + """
                volumes = [
                  { name = gfs, replica = 3, brick = /gluster/one, mount.path = /srv/one }
                  { name = gfs, replica = 3, brick = /gluster/two, mount.path = /srv/two }
                ]
                """;

        assertOnlyViolation(spec, "volumes[1].name", "gfs", "duplicate of volumes[0].name");
    }

    // ---- layout -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void rejectsReplicaBelowOne(int replica) {
        assertOnlyViolation(withVolume("replica = " + replica), "volumes[0].replica", Integer.toString(replica),
                "must be at least 1");
    }

    @Test
    void rejectsReplicaLargerThanTheNumberOfNodes() {
        assertOnlyViolation(withVolume("replica = 4"), "volumes[0].replica", "4",
                "larger than the number of nodes (3)");
    }

    @Test
    void rejectsReplicaLargerThanTheVolumesOwnNodes() {
        assertOnlyViolation(withVolume("nodes = [node1, node2]"), "volumes[0].replica", "3",
                "larger than the number of nodes (2)");
    }

    @Test
    void rejectsNodeCountThatIsNotAMultipleOfReplica() {
        Violation violation = onlyViolation(withVolume("replica = 2"));

        assertEquals("volumes[0].replica", violation.key());
        assertEquals("2", violation.value());
        assertTrue(violation.problem().startsWith("does not divide the number of nodes (3)"), violation.problem());
    }

    @Test
    void rejectsVolumeNodeThatIsNotAClusterNode() {
        assertOnlyViolation(withVolume("replica = 3\nnodes = [node1, node2, node9]"), "volumes[0].nodes[2]", "node9",
                "not one of cluster.nodes (node1, node2, node3)");
    }

    @Test
    void rejectsDuplicateVolumeNode() {
        assertOnlyViolation(withVolume("replica = 1\nnodes = [node1, node2, node1]"), "volumes[0].nodes[2]", "node1",
                "duplicate of volumes[0].nodes[0]");
    }

    // ---- paths --------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"gluster/brick", "/gluster//brick", "/gluster/../brick", "/gluster/./brick", "/gluster/brick/", "", "/glu ster"})
    void rejectsBrickThatIsNotAnAbsoluteNormalizedPath(String path) {
        assertOnlyViolation(withVolume("brick = " + quoted(path)), "volumes[0].brick", path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mnt", "/srv//shared", "/srv/../shared", "/srv/shared/", "/srv/./shared"})
    void rejectsMountPathThatIsNotAnAbsoluteNormalizedPath(String path) {
        assertOnlyViolation(withVolume("mount.path = " + quoted(path)), "volumes[0].mount.path", path);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            brick      | /gluster/brïck
            brick      | /gluster/\uD800brick
            mount.path | /srv/données
            mount.path | /srv/😀
            """)
    void rejectsPathThatIsNotAscii(String field, String path) {
        assertOnlyViolation(withVolume(field + " = " + quoted(path)), "volumes[0]." + field, path,
                "must be ASCII: agents pass paths to the system in their locale's encoding, which may be ASCII");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/etc", "/usr", "/bin", "/boot", "/dev", "/proc", "/sys", "/var", "/lib", "/sbin", "/run"})
    void rejectsMountOverASystemDirectory(String path) {
        assertOnlyViolation(withVolume("mount.path = " + quoted(path)), "volumes[0].mount.path", path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc", "/var", "/usr"})
    void rejectsBrickThatIsASystemDirectory(String path) {
        assertOnlyViolation(withVolume("brick = " + quoted(path)), "volumes[0].brick", path, "is a system directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/run/gluster/brick", "/tmp/brick", "/dev/shm/brick", "/proc/brick"})
    void rejectsBrickOnAVolatileFileSystem(String path) {
        Violation violation = onlyViolation(withVolume("brick = " + quoted(path)));

        assertEquals("volumes[0].brick", violation.key());
        assertTrue(violation.problem().endsWith("which does not keep data across reboots"), violation.problem());
    }

    @Test
    void acceptsMountBelowASystemDirectoryThatKeepsData() {
        String spec = withVolume("mount.path = /var/lib/shared");

        assertEquals("/var/lib/shared", SpecParser.parse(spec, "test.conf").volumes().get(0).mount().path());
    }

    @Test
    void rejectsBrickInsideTheMount() {
        assertOnlyViolation(withVolume("brick = /mnt/brick"), "volumes[0].brick", "/mnt/brick",
                "inside volumes[0].mount.path (/mnt)");
    }

    @Test
    void rejectsMountInsideTheBrick() {
        assertOnlyViolation(withVolume("mount.path = /gluster/brick/mnt"), "volumes[0].brick", "/gluster/brick",
                "contains volumes[0].mount.path (/gluster/brick/mnt)");
    }

    @Test
    void rejectsBrickThatIsTheMount() {
        assertOnlyViolation(withVolume("brick = /srv/gfs\nmount.path = /srv/gfs"), "volumes[0].brick", "/srv/gfs",
                "same as volumes[0].mount.path");
    }

    @Test
    void rejectsBrickInsideAnotherVolumesMount() {
        String spec = """
                cluster { name = staging, nodes = [a, b, c, d] }
                volumes = [
                  { name = one, replica = 2, brick = /gluster/one, nodes = [a, b], mount.path = /srv/one }
                  { name = two, replica = 2, brick = /srv/one/brick, nodes = [c, d], mount.path = /srv/two }
                ]
                """;

        assertOnlyViolation(spec, "volumes[1].brick", "/srv/one/brick", "inside volumes[0].mount.path (/srv/one)");
    }

    @Test
    void reportsACollidingVolumeOnceAgainstTheFirstVolumeItCollidesWith() {
        String spec = CLUSTER + """
                volumes = [
                  { name = gfs, replica = 3, brick = /gluster/one, mount.path = /srv/one }
                  { name = gfs, replica = 3, brick = /gluster/two, mount.path = /srv/two }
                  { name = gfs, replica = 3, brick = /gluster/three, mount.path = /srv/three }
                ]
                """;

        assertEquals(List.of(
                new Violation("volumes[1].name", "gfs", "duplicate of volumes[0].name"),
                new Violation("volumes[2].name", "gfs", "duplicate of volumes[0].name")),
                violations(spec));
    }

    @Test
    void namesAtMostTenClusterNodesInAMessage() {
        String spec = VALID.replace("replica = 3", "replica = 1")
                + "cluster { nodes = [n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, n12], manager = n13 }\n";

        assertOnlyViolation(spec, "cluster.manager", "n13",
                "not one of cluster.nodes (n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, ... 12 in all)");
    }

    @Test
    void rejectsTwoVolumesWithTheSameMountPath() {
        String spec = CLUSTER + """
                volumes = [
                  { name = one, replica = 3, brick = /gluster/one }
                  { name = two, replica = 3, brick = /gluster/two }
                ]
                """;

        assertOnlyViolation(spec, "volumes[1].mount.path", "/mnt", "same as volumes[0].mount.path");
    }

    @Test
    void rejectsMountInsideAnotherVolumesMount() {
        String spec = CLUSTER + """
                volumes = [
                  { name = one, replica = 3, brick = /gluster/one, mount.path = /srv/one }
                  { name = two, replica = 3, brick = /gluster/two, mount.path = /srv/one/two }
                ]
                """;

        assertOnlyViolation(spec, "volumes[1].mount.path", "/srv/one/two", "inside volumes[0].mount.path (/srv/one)");
    }

    @Test
    void rejectsTwoVolumesWithTheSameBrickOnASharedNode() {
        String spec = CLUSTER + """
                volumes = [
                  { name = one, replica = 3, brick = /gluster/brick, mount.path = /srv/one }
                  { name = two, replica = 1, brick = /gluster/brick, nodes = [node3], mount.path = /srv/two }
                ]
                """;

        assertOnlyViolation(spec, "volumes[1].brick", "/gluster/brick", "same as volumes[0].brick on node3");
    }

    @Test
    void rejectsBrickInsideAnotherVolumesBrickOnASharedNode() {
        String spec = CLUSTER + """
                volumes = [
                  { name = one, replica = 3, brick = /gluster, mount.path = /srv/one }
                  { name = two, replica = 3, brick = /gluster/two, mount.path = /srv/two }
                ]
                """;

        assertOnlyViolation(spec, "volumes[1].brick", "/gluster/two", "inside volumes[0].brick (/gluster) on node1");
    }

    // ---- mount ownership and options ------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            owner | Root
            owner | root user
            owner | -root
            group | Docker
            group | docker;
            """)
    void rejectsOwnerOrGroupThatIsNotAnAccountName(String field, String account) {
        assertOnlyViolation(withVolume("mount." + field + " = " + quoted(account)), "volumes[0].mount." + field, account);
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults, _netdev", "defaults\t_netdev", "defaults #comment", ""})
    void rejectsMountOptionsThatWouldBreakFstab(String options) {
        Violation violation = onlyViolation(withVolume("mount.options = " + quoted(options)));

        assertEquals("volumes[0].mount.options", violation.key());
        assertEquals(options, violation.value());
        assertTrue(violation.toString().startsWith("volumes[0].mount.options = \""), violation.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"log-file", "dump-fuse", "volfile-server"})
    void rejectsMountOptionsThatMakeTheRootClientWriteFilesOrTrustOtherServersNamingTheKey(String key) {
        String options = "defaults,_netdev," + key + "=/etc/cron.d/brickwork";
        Violation violation = onlyViolation(withVolume("mount.options = " + quoted(options)));

        assertEquals("volumes[0].mount.options", violation.key());
        assertTrue(violation.problem().startsWith(key + " is not allowed"), violation.toString());
    }

    @Test
    void rejectsSuidOnTheMountSoTheVolumeCarriesNoSetuidRoot() {
        Violation violation = onlyViolation(withVolume("mount.options = \"defaults,suid\""));

        assertTrue(violation.problem().startsWith("suid is not allowed"), violation.toString());
    }

    @Test
    void backupVolfileServersMustBeClusterNodes() {
        Violation violation = onlyViolation(withVolume("mount.options = \"defaults,backup-volfile-servers=evil\""));

        assertEquals("backup-volfile-servers: 'evil' is not a node of the cluster", violation.problem());
    }

    // ---- auth-allow ---------------------------------------------------------------------------

    @Test
    void authAllowIsAbsentUnlessWritten() {
        assertEquals(Optional.empty(), SpecParser.parse(VALID, "test.conf").volumes().get(0).authAllow());
    }

    @Test
    void explicitNullAuthAllowIsAbsent() {
        assertEquals(Optional.empty(), SpecParser.parse(withVolume("auth-allow = null"), "test.conf").volumes().get(0).authAllow());
    }

    @Test
    void authAllowAcceptsAddressesWildcardsAndHostNamesInTheirOrder() {
        String spec = withVolume(
                "auth-allow = [\"10.0.0.7\", \"10.1.*.*\", \"10.2.0.*\", \"10.*.*.*\", \"fd00::1\", \"::ffff:10.0.0.8\","
                + " client-1.example.com, Client2]");

        assertEquals(Optional.of(List.of("10.0.0.7", "10.1.*.*", "10.2.0.*", "10.*.*.*", "fd00::1", "::ffff:10.0.0.8",
                "client-1.example.com", "Client2")),
                SpecParser.parse(spec, "test.conf").volumes().get(0).authAllow());
    }

    @Test
    void authAllowAcceptsAnyHostAlone() {
        assertEquals(Optional.of(List.of(VolumeSpec.ANY_HOST)),
                SpecParser.parse(withVolume("auth-allow = [\"*\"]"), "test.conf").volumes().get(0).authAllow());
    }

    @Test
    void rejectsEmptyAuthAllow() {
        assertEquals(new Violation("volumes[0].auth-allow", "[]", "must not be empty"), onlyViolation(withVolume("auth-allow = []")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            volumes[0].auth-allow    | 10.0.0.1   | must be a list [ ... ] | auth-allow = "10.0.0.1"
            volumes[0].auth-allow[1] | {"a":1}    | must be a string       | auth-allow = ["10.0.0.1", {a = 1}]
            volumes[0].auth-allow[0] | ["x"]      | must be a string       | auth-allow = [[x]]
            """)
    void rejectsAuthAllowOfTheWrongType(String key, String value, String problem, String override) {
        assertEquals(new Violation(key, value, problem), onlyViolation(withVolume(override)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1,10.0.0.2", "10.0.0.1 10.0.0.2", " 10.0.0.1", "10.0.0.1\t", "node1,", "a\nb"})
    void rejectsAuthAllowEntryWithASeparator(String entry) {
        assertEquals(new Violation("volumes[0].auth-allow[0]", entry,
                "must not contain spaces or ',', which gluster reads as separators: list each entry on its own"),
                onlyViolation(withVolume("auth-allow = [" + quoted(entry) + "]")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.256", "10.0.0", "10.0.0.1.2", "client.10", "10.*.0.1", "*.0.0.1", "*.*.*.*", "10.0.0.**",
            "10.0.0.1*", "010.0.0.*", ":::::", "fd00::1::2", "fd00::1%eth0", "[fd00::1]", "10.0.0.0/24", "host_name", "-client",
            "client.", "clïent", "node1;reboot", "$(reboot)", "**"})
    void rejectsAuthAllowEntryThatIsNoAddressWildcardOrHostName(String entry) {
        assertOnlyViolation(withVolume("auth-allow = [" + quoted(entry) + "]"), "volumes[0].auth-allow[0]", entry,
                "is not an IP address, an IPv4 wildcard such as 10.0.0.* or a host name");
    }

    @Test
    void rejectsEmptyAuthAllowEntry() {
        assertOnlyViolation(withVolume("auth-allow = [\"10.0.0.1\", \"\"]"), "volumes[0].auth-allow[1]", "", "must not be empty");
    }

    @Test
    void rejectsDuplicateAuthAllowEntry() {
        assertOnlyViolation(withVolume("auth-allow = [\"10.0.0.*\", \"10.0.0.1\", \"10.0.0.*\"]"), "volumes[0].auth-allow[2]",
                "10.0.0.*", "duplicate of volumes[0].auth-allow[0]");
    }

    @Test
    void rejectsAuthAllowHostNamesThatDifferOnlyInCase() {
        Violation violation = onlyViolation(withVolume("auth-allow = [client.example.com, Client.Example.COM]"));

        assertEquals("volumes[0].auth-allow[1]", violation.key());
        assertEquals("Client.Example.COM", violation.value());
        assertTrue(violation.problem().startsWith("same host as volumes[0].auth-allow[0]"), violation.problem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"*\", \"10.0.0.1\"]", "[\"10.0.0.1\", \"*\"]"})
    void rejectsAnyHostWithOtherEntries(String list) {
        String rendered = list.replace(" ", "");

        assertOnlyViolation(withVolume("auth-allow = " + list), "volumes[0].auth-allow", rendered,
                "\"*\" admits any host and must be the only entry");
    }

    @Test
    void acceptsAuthAllowOfTheGreatestLength() {
        List<String> entries = hostNamesJoinedTo(SpecRules.MAX_AUTH_ALLOW_CHARS);

        assertEquals(Optional.of(entries), SpecParser.parse(withAuthAllow(entries), "test.conf").volumes().get(0).authAllow());
    }

    @Test
    void rejectsAuthAllowLongerThanGlusterIsGiven() {
        List<String> entries = hostNamesJoinedTo(SpecRules.MAX_AUTH_ALLOW_CHARS + 1);

        Violation violation = onlyViolation(withAuthAllow(entries));

        assertEquals("volumes[0].auth-allow", violation.key());
        assertTrue(violation.value().startsWith("[\"h0000."), violation.value());
        assertEquals("is 4097 characters joined with ','; gluster is given at most 4096", violation.problem());
    }

    @Test
    void suggestsAuthAllowForGlustersOwnSpelling() {
        Violation violation = onlyViolation(withVolume("auth.allow = [\"10.0.0.1\"]"));

        assertEquals(new Violation("volumes[0].auth", "{\"allow\":[\"10.0.0.1\"]}", "unknown key; did you mean auth-allow?"), violation);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static String withVolume(String overrides) {
        return CLUSTER + "volumes = [{\n" + VOLUME + overrides + "\n}]\n";
    }

    private static String withAuthAllow(List<String> entries) {
        return withVolume("auth-allow = [" + entries.stream().map(SpecParserTest::quoted).collect(Collectors.joining(", ")) + "]");
    }

    /** Distinct host names whose comma-joined length is exactly {@code length}. */
    private static List<String> hostNamesJoinedTo(int length) {
        List<String> entries = new ArrayList<>();
        int joined = -1;
        while (joined + 1 + 64 < length) {
            String entry = String.format("h%04d.", entries.size()) + "x".repeat(58);
            entries.add(entry);
            joined += 1 + entry.length();
        }
        String last = "h" + "y".repeat(length - joined - 2);
        entries.add(last);
        assertEquals(length, String.join(",", entries).length());
        return entries;
    }

    private static String quoted(String value) {
        return ConfigUtil.quoteString(value);
    }

    private static List<Violation> violations(String spec) {
        return assertThrows(SpecException.class, () -> SpecParser.parse(spec, "test.conf")).violations();
    }

    private static Violation onlyViolation(String spec) {
        List<Violation> violations = violations(spec);
        assertEquals(1, violations.size(), () -> "expected one violation, got:\n" + lines(violations));
        return violations.get(0);
    }

    /** The one violation is at {@code key}, carries {@code value}, and names it when printed. */
    private static Violation assertOnlyViolation(String spec, String key, String value) {
        Violation violation = onlyViolation(spec);
        assertEquals(key, violation.key(), violation::toString);
        assertEquals(value, violation.value(), violation::toString);
        assertTrue(violation.toString().startsWith(key + " = "), violation::toString);
        assertTrue(violation.toString().contains(value), violation::toString);
        return violation;
    }

    private static void assertOnlyViolation(String spec, String key, String value, String problem) {
        Violation violation = assertOnlyViolation(spec, key, value);
        assertEquals(problem, violation.problem(), violation::toString);
    }

    private static String lines(List<Violation> violations) {
        return violations.stream().map(Objects::toString).collect(Collectors.joining("\n"));
    }

    private static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(SpecParserTest.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
