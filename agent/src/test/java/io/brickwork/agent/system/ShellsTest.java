package io.brickwork.agent.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellsTest {
    @ParameterizedTest
    @ValueSource(strings = {"sh", "bash", "dash", "zsh", "ksh", "busybox", "env", "/bin/sh", "/usr/bin/env",
            "/usr/local/bin/bash", "bin/dash", "/bin/sh/"})
    void recognizesShellsAndEnvByTheirFileName(String program) {
        assertTrue(Shells.isShell(program), program);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gluster", "/usr/sbin/gluster", "ssh", "shred", "bashbug", "/usr/bin/envsubst",
            "mount", "getfattr", "/opt/sh-tools/apt-get"})
    void leavesOtherProgramsAlone(String program) {
        assertFalse(Shells.isShell(program), program);
    }
}
