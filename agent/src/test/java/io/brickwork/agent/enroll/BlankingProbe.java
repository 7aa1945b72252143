package io.brickwork.agent.enroll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Run in a JVM of its own by {@link CommandLineSecretsTest}: blanks args[0], then prints its cmdline. */
public final class BlankingProbe {
    private BlankingProbe() {}

    public static void main(String[] args) throws IOException {
        boolean hidden = CommandLineSecrets.blank(args[0]);
        String cmdline = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8);
        System.out.println(hidden + " " + cmdline.replace('\0', ' '));
    }
}
