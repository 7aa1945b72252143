package io.brickwork.agent.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostsFileTest {
    private static final String DEBIAN = """
            127.0.0.1\tlocalhost
            127.0.1.1\tnode1.example.com\tnode1

            # The following lines are desirable for IPv6 capable hosts
            ::1     localhost ip6-localhost ip6-loopback
            ff02::1 ip6-allnodes
            ff02::2 ip6-allrouters
            """;
    private static final List<HostEntry> CLUSTER = List.of(
            new HostEntry("node1", "10.214.0.11"),
            new HostEntry("node2", "10.214.0.12"),
            new HostEntry("node3", "10.214.0.13"));

    private final HostsFile hosts = new HostsFile();

    @Test
    void appendsMissingNamesAsAddressTabNameAndKeepsEveryOtherByte() {
        String current = "127.0.0.1 localhost\n# comment  with  spaces\n\n";

        HostsEdit edit = hosts.edit(current, CLUSTER);

        assertEquals(current + "10.214.0.11\tnode1\n10.214.0.12\tnode2\n10.214.0.13\tnode3\n", edit.content());
        assertEquals(List.of("add node1 -> 10.214.0.11", "add node2 -> 10.214.0.12", "add node3 -> 10.214.0.13"),
                edit.changes());
    }

    @Test
    void aRequestToRemapLocalhostLeavesItMappedToTheMachineItself() {
        HostsEdit edit = hosts.edit(DEBIAN, List.of(new HostEntry("localhost", "10.66.6.6"),
                new HostEntry("LOCALHOST", "10.66.6.6"), new HostEntry("x.localhost", "10.66.6.6")));

        assertEquals(DEBIAN, edit.content());
        assertTrue(edit.changes().isEmpty(), edit.changes().toString());
    }

    @Test
    void removesTheNodesOwnNameFromDebians127011LineButKeepsTheFqdn() {
        HostsEdit edit = hosts.edit(DEBIAN, CLUSTER);

        String expected = DEBIAN.replace("127.0.1.1\tnode1.example.com\tnode1\n", "127.0.1.1\tnode1.example.com\n")
                + "10.214.0.11\tnode1\n10.214.0.12\tnode2\n10.214.0.13\tnode3\n";
        assertEquals(expected, edit.content());
        assertEquals("remove node1 -> 127.0.1.1 (line 2)", edit.changes().get(0));
    }

    @Test
    void aDepartedNodesNameLeavesEveryLineAndOtherNamesStay() {
        String current = "127.0.0.1 localhost\n10.214.0.13\tnode3\n10.214.0.99 old node3 spare\n";

        HostsEdit edit = hosts.edit(current, List.of(new HostEntry("node1", "10.214.0.11")), List.of("NODE3"));

        assertEquals("127.0.0.1 localhost\n10.214.0.99 old spare\n10.214.0.11\tnode1\n", edit.content());
        assertEquals(List.of("remove departed node3 -> 10.214.0.13 (line 2)",
                "remove departed node3 -> 10.214.0.99 (line 3)", "add node1 -> 10.214.0.11"), edit.changes());
    }

    @Test
    void localhostNamedAsDepartedStaysMappedToTheMachineItself() {
        HostsEdit edit = hosts.edit(DEBIAN, List.of(), List.of("localhost", "x.localhost"));

        assertEquals(DEBIAN, edit.content());
        assertTrue(edit.changes().isEmpty(), edit.changes().toString());
    }

    @Test
    void aDepartedNameThatIsAlreadyGoneChangesNothing() {
        String current = "127.0.0.1 localhost\n10.214.0.11\tnode1\n";

        HostsEdit edit = hosts.edit(current, List.of(new HostEntry("node1", "10.214.0.11")), List.of("node3"));

        assertEquals(current, edit.content());
        assertEquals(List.of(), edit.changes());
    }

    @Test
    void dropsA127011LineWhenItsOnlyNameMovesAway() {
        String current = "127.0.0.1 localhost\n127.0.1.1 node1\n";

        HostsEdit edit = hosts.edit(current, List.of(new HostEntry("node1", "10.214.0.11")));

        assertEquals("127.0.0.1 localhost\n10.214.0.11\tnode1\n", edit.content());
    }

    @Test
    void keepsALineThatAlreadyMapsTheNameEvenWithAliases() {
        String current = "10.10.10.1 staging1.example.com staging1\n";

        HostsEdit edit = hosts.edit(current, List.of(new HostEntry("staging1", "10.10.10.1")));

        assertFalse(edit.changed());
        assertEquals(current, edit.content());
    }

    @Test
    void convergedFileComesBackByteIdentical() {
        String once = hosts.edit(DEBIAN, CLUSTER).content();

        HostsEdit twice = hosts.edit(once, CLUSTER);

        assertFalse(twice.changed());
        assertEquals(once, twice.content());
    }

    @Test
    void removesANameFromALineWithAnotherAddressButKeepsTheOtherNames() {
        String current = "10.0.0.9   old-node2   node2  # moved\n";

        HostsEdit edit = hosts.edit(current, List.of(new HostEntry("node2", "10.214.0.12")));

        assertEquals("10.0.0.9   old-node2  # moved\n10.214.0.12\tnode2\n", edit.content());
    }

    @Test
    void removesLaterDuplicatesOfACorrectMapping() {
        String current = "10.214.0.12 node2\n10.214.0.12 node2\n";

        HostsEdit edit = hosts.edit(current, List.of(new HostEntry("node2", "10.214.0.12")));

        assertEquals("10.214.0.12 node2\n", edit.content());
        assertEquals(List.of("remove duplicate node2 -> 10.214.0.12 (line 2)"), edit.changes());
    }

    @Test
    void matchesNamesCaseInsensitivelyLikeTheResolver() {
        HostsEdit edit = hosts.edit("10.214.0.12 Node2\n", List.of(new HostEntry("node2", "10.214.0.12")));

        assertFalse(edit.changed());
    }

    @Test
    void treatsEquivalentIpv6SpellingsAsTheSameAddress() {
        HostsEdit edit = hosts.edit("fd00:0:0:0:0:0:0:1 node2\n", List.of(new HostEntry("node2", "fd00::1")));

        assertFalse(edit.changed());
    }

    @Test
    void neverTouchesNamesOnCommentedLines() {
        String current = "# 127.0.1.1 node1\n";

        HostsEdit edit = hosts.edit(current, List.of(new HostEntry("node1", "10.214.0.11")));

        assertEquals(current + "10.214.0.11\tnode1\n", edit.content());
    }

    @Test
    void addsTheMissingNewlineBeforeAppending() {
        HostsEdit edit = hosts.edit("127.0.0.1 localhost", List.of(new HostEntry("node1", "10.214.0.11")));

        assertEquals("127.0.0.1 localhost\n10.214.0.11\tnode1\n", edit.content());
    }

    @Test
    void anEmptyFileGetsJustTheEntries() {
        HostsEdit edit = hosts.edit("", List.of(new HostEntry("node1", "10.214.0.11")));

        assertTrue(edit.changed());
        assertEquals("10.214.0.11\tnode1\n", edit.content());
    }
}
