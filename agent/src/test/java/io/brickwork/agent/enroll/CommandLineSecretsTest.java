package io.brickwork.agent.enroll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommandLineSecretsTest {
    private static final String TOKEN = "BWTKN-1-0123abcd-id7-s3cr3tvalue";

    @Test
    void aTokenGivenOnTheCommandLineNoLongerShowsInProcCmdlineOnceBlanked() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process probe = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                BlankingProbe.class.getName(), TOKEN, "--coordinator", "m1:7443"))
                .redirectErrorStream(true).start();
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "probe hangs");
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, probe.exitValue(), output);
        assertTrue(output.startsWith("true "), output);
        assertFalse(output.contains(TOKEN), output);
        assertTrue(output.contains(" " + "x".repeat(TOKEN.length()) + " --coordinator m1:7443"), output);
    }

    @Test
    void theArgvAreaIsReadAfterACommandNameWithSpacesAndParentheses() {
        StringBuilder stat = new StringBuilder("4242 (java (x) y) S");
        for (int field = 4; field <= 52; field++) {
            stat.append(' ').append(field == 48 ? "1000" : field == 49 ? "2000" : "7");
        }

        assertArrayEquals(new long[] {1000, 2000}, CommandLineSecrets.argvArea(stat + "\n"));
    }

    @Test
    void anEmptySecretChangesNothing() throws IOException {
        assertTrue(CommandLineSecrets.blank(""));
    }
}
