package io.brickwork.agent.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldRulesTest {
    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "10.0.0.*", "10.0.*.*", "10.*.*.*", "node1", "node1.example.com",
            "2001:db8::1", "::1", "10.0.0.*,node1,2001:db8::1"})
    void authAllowAcceptsAddressesTrailingWildcardsAndHostNames(String value) {
        assertEquals(Optional.empty(), FieldRules.authAllow(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*,10.0.0.1", "*.*.*.*", "10.0.*", "10.*.0.1", "10.0.0.256", "10.0.0.1, node1", "10.0.0.1,",
            ",10.0.0.1", "10.0.0.1,,node1", "node1;reboot", "$(id)", "node_1", "-node1", "10.0.0.0/8", "1::2::3",
            "nodе1"})
    void authAllowRefusesEverythingElse(String value) {
        assertTrue(FieldRules.authAllow(value).isPresent(), value);
    }

    @Test
    void authAllowTakesAStarAloneAsTheSpecsExplicitAnyHost() {
        assertTrue(FieldRules.authAllow("*").isEmpty());
    }

    @Test
    void authAllowIsBounded() {
        String item = "node1234.example.com,";
        String longList = item.repeat(FieldRules.MAX_OPTION_VALUE / item.length() + 1);

        assertEquals(Optional.of("must be at most 4096 characters"),
                FieldRules.authAllow(longList.substring(0, longList.length() - 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.214.0.11", "::1", "2001:db8::1", "fe80::1", "::ffff:10.0.0.1"})
    void addressesThatParse(String value) {
        assertEquals(Optional.empty(), FieldRules.address(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {":::::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::1", "::1%eth0", "[::1]", "10.0.0.256",
            "node1", ""})
    void addressesThatDoNot(String value) {
        assertTrue(FieldRules.address(value).isPresent(), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/gluster/brick", "/mnt", "/srv/gluster/a-b_c.d"})
    void pathsThatAreFine(String value) {
        assertEquals(Optional.empty(), FieldRules.path(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "gluster/brick", "/gluster/brick/", "/gluster//brick", "/gluster/../etc",
            "/gluster/./brick", "/gluster/brіck", "/gluster/b rick", "/gluster/brick\0", "/gluster/a:b",
            "/gluster/$(id)", "/gluster/\u202ekcirb"})
    void pathsThatAreNot(String value) {
        assertTrue(FieldRules.path(value).isPresent(), value);
    }

    @Test
    void pathsAreBoundedInLengthAndPerComponent() {
        assertTrue(FieldRules.path("/gluster/" + "a".repeat(256)).isPresent());
        assertTrue(FieldRules.path("/gluster" + "/abcdefgh".repeat(128)).isPresent());
        assertEquals(Optional.empty(), FieldRules.path("/gluster/" + "a".repeat(255)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a\nb", "é", "a;b"})
    void idsThatCannotBeEchoedSafely(String value) {
        assertTrue(FieldRules.id(value).isPresent(), value);
    }

    @Test
    void idsAreBounded() {
        assertTrue(FieldRules.id("x".repeat(129)).isPresent());
        assertEquals(Optional.empty(), FieldRules.id("0f6f3a52-2f3e-4f44-9d7a-8e2b1c7d9e10"));
    }

    @Test
    void requestedByMayBeEmptyButNotGarbage() {
        assertEquals(Optional.empty(), FieldRules.requestedBy(""));
        assertEquals(Optional.empty(), FieldRules.requestedBy("unix:uid=0"));
        assertTrue(FieldRules.requestedBy("admin\nFAKE LINE").isPresent());
    }
}
