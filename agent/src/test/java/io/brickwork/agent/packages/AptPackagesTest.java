package io.brickwork.agent.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brickwork.agent.system.CommandException;
import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.RecordingCommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AptPackagesTest {
    static final String FORMAT = "-f=${Package} ${db:Status-Status}\\n";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final AptPackages packages = new AptPackages(runner);

    @AfterEach
    void allExpectedCommandsRan() {
        runner.assertDone();
    }

    @Test
    void reportsInstalledPackagesFromDpkgQuery() throws CommandException {
        runner.expect("dpkg-query", "-W", FORMAT, "glusterfs-server", "attr")
                .stdout("attr installed\nglusterfs-server installed\n");

        assertEquals(Set.of("glusterfs-server", "attr"), packages.installed(List.of("glusterfs-server", "attr"), TIMEOUT));
    }

    @Test
    void anUnknownPackageIsNotInstalledRatherThanAnError() throws CommandException {
        runner.expect("dpkg-query", "-W", FORMAT, "glusterfs-server", "nosuchpkg")
                .exits(1).stdout("glusterfs-server installed\n").stderr("dpkg-query: no packages found matching nosuchpkg\n");

        assertEquals(Set.of("glusterfs-server"), packages.installed(List.of("glusterfs-server", "nosuchpkg"), TIMEOUT));
    }

    @Test
    void removedPackagesWithConfigFilesLeftAreNotInstalled() throws CommandException {
        runner.expect("dpkg-query", "-W", FORMAT, "glusterfs-server", "attr")
                .stdout("attr config-files\nglusterfs-server not-installed\n");

        assertEquals(Set.of(), packages.installed(List.of("glusterfs-server", "attr"), TIMEOUT));
    }

    @Test
    void otherDpkgQueryFailuresAreErrors() {
        runner.expect("dpkg-query", "-W", FORMAT, "attr").exits(2).stderr("dpkg-query: error: database locked\n");

        assertThrows(CommandFailedException.class, () -> packages.installed(List.of("attr"), TIMEOUT));
    }

    @Test
    void installsNoninteractivelyWithoutRecommends() throws CommandException {
        runner.expect("apt-get", "install", "-y", "-q", "--no-install-recommends", "glusterfs-server", "attr")
                .withEnvironment(Map.of("DEBIAN_FRONTEND", "noninteractive"));

        packages.install(List.of("glusterfs-server", "attr"), TIMEOUT);
    }

    @Test
    void aFailedInstallCarriesAptsStderr() {
        runner.expect("apt-get", "install", "-y", "-q", "--no-install-recommends", "nosuchpkg")
                .exits(100).stderr("E: Unable to locate package nosuchpkg\n");

        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> packages.install(List.of("nosuchpkg"), TIMEOUT));

        assertEquals(100, failure.exitCode().orElseThrow());
        assertEquals("E: Unable to locate package nosuchpkg\n", failure.stderr());
    }
}
