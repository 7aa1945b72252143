package io.brickwork.agent.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The agent is root: no code path may reach a shell, and only ProcessCommandRunner may start processes. */
class NoShellInSourceTest {
    /** Surefire runs in the module's directory. */
    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private final ShellUseScanner scanner = new ShellUseScanner("ProcessCommandRunner.java");

    @Test
    void theAgentsSourcesReachNoShell() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(MAIN_SOURCES)) {
            files = walk.filter(path -> path.toString().endsWith(".java")).sorted().toList();
        }
        // A wrong directory would make the scan pass on nothing.
        assertTrue(files.size() > 50, "found only " + files.size() + " source files under " + MAIN_SOURCES.toAbsolutePath());
        assertTrue(files.stream().anyMatch(path -> path.endsWith("system/ProcessCommandRunner.java")));

        List<ShellUseScanner.Finding> findings = new ArrayList<>();
        for (Path file : files) {
            findings.addAll(scanner.scan(MAIN_SOURCES.relativize(file).toString(), Files.readString(file)));
        }

        assertEquals(List.of(), findings);
    }

    @Test
    void findsRuntimeExec() {
        assertFinds("Process p = Runtime.getRuntime().exec(\"mount \" + source);", "Runtime.getRuntime().exec");
        assertFinds("Runtime.getRuntime()\n    .exec(argv);", "Runtime.getRuntime().exec");
    }

    @Test
    void findsProcessBuilderOutsideTheRunner() {
        assertFinds("Process p = new ProcessBuilder(argv).start();", "ProcessBuilder outside ProcessCommandRunner.java");
        assertEquals(List.of(), scanner.scan("system/ProcessCommandRunner.java", "new ProcessBuilder(argv).start();"));
    }

    @Test
    void findsAShellAsAnArgvElement() {
        assertFinds("runner.run(List.of(\"sh\", \"-c\", command), timeout);", "\"sh\" as an argv element",
                "\"-c\" as an argv element");
        assertFinds("String[] argv = {\"bash\", \"-c\", script};", "\"bash\" as an argv element",
                "\"-c\" as an argv element");
        assertFinds("args.add(\"-c\");", "\"-c\" as an argv element");
        assertFinds("new ProcessBuilder(\"dash\", \"-c\", x);", "ProcessBuilder outside ProcessCommandRunner.java",
                "\"dash\" as an argv element", "\"-c\" as an argv element");
        assertFinds("List<String> argv = Arrays.asList(\"env\", \"FOO=1\", \"gluster\");", "\"env\" as an argv element");
    }

    @Test
    void findsAShellPathAnywhere() {
        assertFinds("private static final String SHELL = \"/bin/sh\";", "shell path \"/bin/sh\"");
        assertFinds("String env = \"/usr/bin/env\";", "shell path \"/usr/bin/env\"");
    }

    @Test
    void leavesLegitimateCodeAlone() {
        String legitimate = """
                // Runtime.getRuntime().exec("sh -c ...") would be wrong: see CommandRunner.
                /* new ProcessBuilder(List.of("sh", "-c", x)) */
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop()));
                switch (args[i]) {
                    case "--config", "-c" -> config = Optional.of(Path.of(args[++i]));
                    default -> throw new IllegalArgumentException("unknown argument");
                }
                if (arg.equals("-c")) { log.info("sh"); }
                private static final Set<String> NAMES = Set.of("sh", "bash", "env");
                String help = "never run sh -c with request data";
                char quote = '"';
                String block = \"\"\"
                    runner.run(List.of("sh", "-c", "x"))
                    \"\"\";
                runner.run(List.of("gluster", "--mode=script", "--xml", "volume", "info"), timeout);
                """;

        assertEquals(List.of(), scanner.scan("Example.java", legitimate));
    }

    private void assertFinds(String source, String... expected) {
        List<String> found = scanner.scan("Example.java", source).stream().map(ShellUseScanner.Finding::what).toList();
        assertEquals(List.of(expected), found);
    }
}
