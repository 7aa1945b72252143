package io.brickwork.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MountOptionsTest {
    private static final Predicate<String> CLUSTER = Set.of("node1", "node2", "node3")::contains;

    @Test
    void brickworksOwnDefaultsPass() {
        assertEquals(List.of(), MountOptions.problems("defaults,_netdev,nosuid,nodev,x-systemd.requires=glusterd.service,"
                + "backup-volfile-servers=node2:node3", CLUSTER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"log-file=/etc/cron.d/evil", "dump-fuse=/root/.ssh/authorized_keys",
            "volfile-server=attacker.example", "backupvolfile-server=attacker.example", "fuse-mountopts=suid",
            "xlator-option=*.client.remote-host=attacker", "volfile-server-port=24007", "subdir-mount=/x"})
    void optionsThatMakeTheRootClientWriteFilesOrTrustOtherServersAreRefusedNamingTheKey(String option) {
        List<String> problems = MountOptions.problems("defaults," + option, CLUSTER);

        String key = option.substring(0, option.indexOf('='));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(key + " is not allowed"), problems.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"suid", "dev", "user", "users"})
    void optionsThatLetTheVolumeCarrySetuidRootOrDevicesAreRefused(String option) {
        List<String> problems = MountOptions.problems("defaults," + option, CLUSTER);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(option + " is not allowed"), problems.get(0));
    }

    @Test
    void backupVolfileServersMustBeClusterHosts() {
        assertEquals(List.of("backup-volfile-servers: 'attacker' is not a node of the cluster"),
                MountOptions.problems("backup-volfile-servers=node2:attacker", CLUSTER));
        assertEquals(List.of("backup-volfile-servers: 'node2;x' is not a host name or IPv4 address"),
                MountOptions.problems("backup-volfile-servers=node2;x", CLUSTER));
    }

    @Test
    void anUnknownKeyIsRefusedAndTheAllowedOnesAreListed() {
        List<String> problems = MountOptions.problems("defaults,oom-score-adj=-1000", CLUSTER);

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("oom-score-adj is not an option Brickwork allows; allowed: "),
                problems.get(0));
        assertTrue(problems.get(0).contains("backup-volfile-servers"), problems.get(0));
    }

    @Test
    void valuesAreChecked() {
        assertEquals(List.of("log-level=LOUD: the value must be one of [CRITICAL, DEBUG, ERROR, INFO, NONE, TRACE, WARNING]",
                "attribute-timeout=soon: the value must be a number of seconds", "noexec takes no value",
                "entry-timeout needs a value (entry-timeout=...)"),
                MountOptions.problems("log-level=LOUD,attribute-timeout=soon,noexec=1,entry-timeout", CLUSTER));
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        assertEquals(List.of("backup-volfile-servers is given more than once"),
                MountOptions.problems("backup-volfile-servers=node2,backup-volfile-servers=node3", CLUSTER));
    }

    @Test
    void noexecIsTheSpecsChoice() {
        assertEquals(List.of(), MountOptions.problems("defaults,noexec", CLUSTER));
    }

    @Test
    void hardenedAddsNosuidAndNodevOnlyWhereMissing() {
        assertEquals("defaults,_netdev,nosuid,nodev", MountOptions.hardened("defaults,_netdev"));
        assertEquals("nodev,noexec,nosuid", MountOptions.hardened("nodev,noexec"));
        assertEquals("defaults,nosuid,nodev", MountOptions.hardened("defaults,nosuid,nodev"));
    }
}
