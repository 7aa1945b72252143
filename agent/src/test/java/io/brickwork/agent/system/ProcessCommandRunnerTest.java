package io.brickwork.agent.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessCommandRunnerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final ProcessCommandRunner runner = new ProcessCommandRunner();

    @TempDir
    Path dir;

    @Test
    void capturesExitCodeStdoutAndStderrSeparately() throws CommandException {
        CommandResult result = runner.run(List.of(script("echo out; echo err >&2; exit 3")), TIMEOUT);

        assertEquals(3, result.exitCode());
        assertEquals("out\n", result.stdout());
        assertEquals("err\n", result.stderr());
        assertFalse(result.ok());
    }

    @Test
    void passesArgumentsVerbatimWithoutAShell() throws CommandException {
        CommandResult result = runner.run(List.of("printf", "%s|", "a b", "$HOME", "*"), TIMEOUT);

        assertEquals("a b|$HOME|*|", result.stdout());
    }

    @Test
    void capturesLargeOutputOnBothStreamsWithoutDeadlock() throws CommandException {
        CommandResult result = runner.run(List.of(script(
                "head -c 3000000 /dev/zero | tr '\\0' o; head -c 3000000 /dev/zero | tr '\\0' e >&2")), TIMEOUT);

        assertEquals(3_000_000, result.stdout().length());
        assertTrue(result.stderr().endsWith("e".repeat(ProcessCommandRunner.MAX_STDERR_BYTES)));
    }

    @Test
    void aCommandPrintingWithoutEndKeepsOnlyABoundedTailInTheAgentsMemory() throws CommandException {
        CommandResult result = runner.run(List.of(script(
                "head -c 20000000 /dev/zero | tr '\\0' o; echo end; head -c 1000000 /dev/zero | tr '\\0' e >&2;"
                        + " echo the-error >&2")), TIMEOUT);

        assertEquals("[" + (20_000_004 - ProcessCommandRunner.MAX_STDOUT_BYTES) + " bytes cut]\n",
                result.stdout().substring(0, result.stdout().indexOf('\n') + 1));
        assertTrue(result.stdout().endsWith("oend\n"));
        assertTrue(result.stdout().length() < ProcessCommandRunner.MAX_STDOUT_BYTES + 100);
        assertTrue(result.stderr().length() < ProcessCommandRunner.MAX_STDERR_BYTES + 100);
        assertTrue(result.stderr().endsWith("the-error\n"), result.stderr());
    }

    @Test
    void theAgentsEnvironmentIsNotPassedOnAndPathIsFixed() throws CommandException {
        assertTrue(System.getenv().containsKey("HOME"), "the test JVM has HOME");

        CommandResult result = runner.run(List.of("printenv"), TIMEOUT);

        assertEquals(Set.of("PATH=" + ProcessCommandRunner.PATH, "LC_ALL=C"), Set.copyOf(result.stdout().lines().toList()));
    }

    @Test
    void aProgramIsRunByItsAbsolutePathFromTheFixedPath() {
        assertEquals(Optional.of("/usr/bin/printenv"), ProcessCommandRunner.absolute("printenv"));
        assertEquals(Optional.of("/opt/x"), ProcessCommandRunner.absolute("/opt/x"));
        assertEquals(Optional.empty(), ProcessCommandRunner.absolute("bin/printenv"));
        assertEquals(Optional.empty(), ProcessCommandRunner.absolute("brickwork-no-such-program"));
    }

    @Test
    void aProgramNotInTheFixedPathIsNotStarted() throws CommandException {
        CommandResult result = runner.run(List.of("brickwork-no-such-program"), TIMEOUT);

        assertEquals(127, result.exitCode());
        assertTrue(result.stderr().contains("not found in " + ProcessCommandRunner.PATH), result.stderr());
    }


    @Test
    void keepsOutputThatIsNotValidUtf8() throws CommandException {
        CommandResult result = runner.run(List.of("printf", "\\377ok"), TIMEOUT);

        assertTrue(result.stdout().endsWith("ok"), result.stdout());
    }

    @Test
    void runsWithTheCLocaleSoOutputIsParseable() throws CommandException {
        CommandResult result = runner.run(List.of(script("echo $LC_ALL")), TIMEOUT);

        assertEquals("C\n", result.stdout());
    }

    @Test
    void addsTheGivenEnvironment() throws CommandException {
        CommandResult result = runner.run(List.of(script("echo $DEBIAN_FRONTEND")),
                Map.of("DEBIAN_FRONTEND", "noninteractive"), TIMEOUT);

        assertEquals("noninteractive\n", result.stdout());
    }

    @Test
    void givesNoStdinSoNothingCanWaitForInput() throws CommandException {
        CommandResult result = runner.run(List.of("cat"), TIMEOUT);

        assertTrue(result.ok());
        assertEquals("", result.stdout());
    }

    @Test
    void killsTheCommandAndItsChildrenOnTimeout() throws IOException, InterruptedException {
        Path pidFile = dir.resolve("child.pid");
        List<String> argv = List.of(script("sleep 60 & echo $! > " + pidFile + "; wait"));

        CommandTimeoutException timeout = assertThrows(CommandTimeoutException.class,
                () -> runner.run(argv, Duration.ofMillis(500)));

        assertEquals(argv, timeout.argv());
        assertTrue(timeout.exitCode().isEmpty());
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertFalse(waitUntilGone(child), "child " + child + " still runs");
    }

    @Test
    void reportsAProgramThatCannotStartAsExit127() throws CommandException {
        CommandResult result = runner.run(List.of("/nonexistent/brickwork-no-such-program"), TIMEOUT);

        assertEquals(127, result.exitCode());
        assertTrue(result.stderr().contains("brickwork-no-such-program"), result.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sh", "/bin/sh", "bash", "/usr/bin/bash", "dash", "zsh", "ksh", "busybox", "env",
            "/usr/bin/env", "/bin//sh/", "./sh"})
    void refusesShellsWhateverTheirPath(String shell) {
        Path marker = dir.resolve("ran");

        assertThrows(ShellNotAllowedException.class,
                () -> runner.run(List.of(shell, "-c", "touch " + marker), TIMEOUT));

        assertFalse(Files.exists(marker));
    }

    /**
     * The tests need a few shell features (redirection, background jobs); a script file is a
     * program of its own, which the agent never writes, so the shell guard does not apply.
     */
    private String script(String body) {
        try {
            Path script = Files.createTempFile(dir, "script-", ".sh");
            Files.writeString(script, "#!/bin/sh\n" + body + "\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return script.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean waitUntilGone(long pid) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isEmpty() || !handle.get().isAlive()) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
