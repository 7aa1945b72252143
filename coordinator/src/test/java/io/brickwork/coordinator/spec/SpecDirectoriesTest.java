package io.brickwork.coordinator.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SpecDirectoriesTest {
    private static String spec(String volumeExtra) {
        return """
                cluster { name = staging, nodes = [node1, node2, node3] }
                volumes = [{
                  name = staging-gfs
                  replica = 3
                  brick = "/gluster/brick"
                """ + volumeExtra + "\n}]\n";
    }

    private static List<String> violations(String text) {
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(text, "test.conf"));
        return e.violations().stream().map(Violation::toString).toList();
    }

    @Test
    void directoriesTakeNumericOrNamedOwnersAndAnOctalMode() {
        ClusterSpec spec = SpecParser.parse(spec("""
                directories = [
                  { path = "staging_couch_db", owner = 5984, group = 5984, mode = "0750" }
                  { path = "apps/web", owner = www-data, group = www-data, mode = "2775" }
                  { path = plain }
                ]"""), "test.conf");

        assertEquals(List.of(
                new DirectorySpec("staging_couch_db", "5984", "5984", "0750"),
                new DirectorySpec("apps/web", "www-data", "www-data", "2775"),
                new DirectorySpec("plain", "root", "root", "0755")), spec.volumes().get(0).directories());
    }

    @Test
    void aQuotaIsReadInPowersOf1024AndRenderedAsBytes() {
        ClusterSpec spec = SpecParser.parse(spec("""
                directories = [{ path = db, quota = 10GiB }, { path = logs, quota = "500M" }, { path = tmp }]"""),
                "test.conf");

        List<DirectorySpec> directories = spec.volumes().get(0).directories();
        assertEquals(java.util.OptionalLong.of(10L << 30), directories.get(0).quotaBytes());
        assertEquals(java.util.OptionalLong.of(500L << 20), directories.get(1).quotaBytes());
        assertEquals(java.util.OptionalLong.empty(), directories.get(2).quotaBytes());
        assertEquals(spec, SpecParser.parse(SpecRenderer.render(spec), "rendered.conf"));
    }

    @ParameterizedTest
    @CsvSource({"0", "1KiB", "2PiB", "-1", "1e9", "ten"})
    void absurdQuotasAreRefusedNamingKeyAndValue(String quota) {
        List<String> violations = violations(spec("directories = [{ path = db, quota = \"" + quota + "\" }]"));

        assertEquals(List.of("volumes[0].directories[0].quota = " + quota + ": must be a size from 1MiB to 1PiB such"
                + " as \"10GiB\" (K, M, G, T: powers of 1024)"), violations);
    }

    @Test
    void threeDigitModesAreStoredWithFourDigits() {
        ClusterSpec spec = SpecParser.parse(spec("directories = [{ path = db, mode = \"750\" }]"), "test.conf");

        assertEquals("0750", spec.volumes().get(0).directories().get(0).mode());
    }

    @Test
    void renderedSpecReadsBackTheSame() {
        ClusterSpec spec = SpecParser.parse(spec("""
                arbiter = true
                directories = [{ path = "staging_couch_db", owner = 5984, group = 5984, mode = "0750" }]"""), "test.conf");

        assertEquals(spec, SpecParser.parse(SpecRenderer.render(spec), "rendered.conf"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "..|must not contain '..'",
        "../etc|must not contain '..'",
        "apps/../../etc|must not contain '..'",
        "/etc|must be relative",
        "apps//db|empty segments",
        "apps/|empty segments",
        "./apps|'.' segments",
        "a b|may only contain",
    })
    void pathsThatCouldLeaveTheVolumeAreRefusedNamingKeyAndValue(String path, String problem) {
        List<String> violations = violations(spec("directories = [{ path = \"" + path + "\" }]"));

        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).startsWith("volumes[0].directories[0].path = "), violations.get(0));
        assertTrue(violations.get(0).contains(problem), violations.get(0));
    }

    @ParameterizedTest
    @CsvSource({"10000", "0800", "rwxr-x---", "75", "07777777"})
    void modesOutsideOctal07777AreRefused(String mode) {
        List<String> violations = violations(spec("directories = [{ path = db, mode = \"" + mode + "\" }]"));

        assertEquals(List.of("volumes[0].directories[0].mode = " + mode
                + ": must be an octal mode such as \"0750\" (3 or 4 digits 0-7)"), violations);
    }

    @Test
    void duplicatePathsUnknownKeysAndBadOwnersAreEachReported() {
        List<String> violations = violations(spec("""
                directories = [
                  { path = db, owner = "Bad Owner" }
                  { path = db, colour = red }
                ]"""));

        assertEquals(List.of(
                "volumes[0].directories[1].colour = red: unknown key; expected one of path, owner, group, mode, quota",
                "volumes[0].directories[0].owner = \"Bad Owner\": is not a user/group name or numeric id",
                "volumes[0].directories[1].path = db: duplicate of volumes[0].directories[0].path"), violations);
    }

    @Test
    void arbiterNeedsReplicaThree() {
        List<String> violations = violations("""
                cluster { name = staging, nodes = [node1, node2] }
                volumes = [{ name = gfs, replica = 2, brick = "/gluster/brick", arbiter = true }]
                """);

        assertEquals(List.of("volumes[0].arbiter = true: needs replica = 3 (two data bricks and one arbiter per set), not 2"),
                violations);
    }
}
