package io.brickwork.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The completion script and the man pages cover the whole CLI, because both are made from its model. */
class CliDocsTest {
    @TempDir
    Path dir;

    private final CommandLine cli = BrickworkCli.commandLine();

    /** Every command a user can name, the root first: brickwork, brickwork apply, brickwork token create… */
    private List<CommandSpec> visibleCommands() {
        List<CommandSpec> all = new ArrayList<>();
        collect(cli.getCommandSpec(), all);
        return all;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> into) {
        into.add(spec);
        for (CommandLine sub : new java.util.LinkedHashSet<>(spec.subcommands().values())) {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                collect(sub.getCommandSpec(), into);
            }
        }
    }

    /** The body of the completion function picocli writes for one command. */
    private static String completionFunction(String script, CommandSpec spec) {
        String name = "function _picocli_" + spec.qualifiedName("_").replace("-", "") + "() {";
        int start = script.indexOf(name);
        assertTrue(start >= 0, "no completion function for '" + spec.qualifiedName() + "'");
        int end = script.indexOf("\n}\n", start);
        return script.substring(start, end);
    }

    @Test
    void completionKnowsEverySubcommandAndEachOfItsOptions() {
        String script = CliDocs.completion(cli);

        for (CommandSpec spec : visibleCommands()) {
            String function = completionFunction(script, spec);
            for (OptionSpec option : spec.options()) {
                if (option.hidden()) {
                    continue;
                }
                for (String name : option.names()) {
                    assertTrue(function.contains("'" + name + "'"),
                            spec.qualifiedName() + ": option " + name + " not completed");
                }
            }
            for (String sub : spec.subcommands().keySet()) {
                if (!spec.subcommands().get(sub).getCommandSpec().usageMessage().hidden()) {
                    assertTrue(function.contains("local commands=\"") && function.matches("(?s).*local commands=\"[^\"]*\\b"
                            + java.util.regex.Pattern.quote(sub) + "\\b.*"), spec.qualifiedName() + ": subcommand " + sub);
                }
            }
        }
    }

    @Test
    void completionLeavesTheHiddenTrainingCommandOut() {
        assertFalse(CliDocs.completion(cli).contains("cds-training"));
    }

    @Test
    void completionIsSourcedSoItHasNoInterpreterLine() {
        assertFalse(CliDocs.completion(cli).startsWith("#!"), "lintian: bash-completion-with-hashbang");
    }

    @Test
    void everyVisibleCommandHasAManPage() throws IOException {
        List<Path> pages = CliDocs.asciiDoc(cli, dir.resolve("adoc"));

        Set<String> expected = new TreeSet<>();
        for (CommandSpec spec : visibleCommands()) {
            expected.add(spec.qualifiedName("-") + ".adoc");
        }
        Set<String> written = new TreeSet<>();
        for (Path page : pages) {
            written.add(page.getFileName().toString());
        }
        assertEquals(expected, written);
        assertTrue(written.contains("brickwork-apply.adoc"), written.toString());
        assertTrue(Files.readString(dir.resolve("adoc/brickwork-apply.adoc")).contains("--file"));
    }

    @Test
    void bashCompletesSubcommandsAndSpecFiles() throws IOException, InterruptedException {
        Path script = Files.writeString(dir.resolve("brickwork"), CliDocs.completion(cli));
        Files.writeString(dir.resolve("cluster.conf"), "cluster {}");

        assertEquals(List.of("apply"), complete(script, "brickwork", "ap"));
        assertEquals(List.of("plan"), complete(script, "brickwork", "pl"));
        assertEquals(List.of(dir.resolve("cluster.conf").toString()),
                complete(script, "brickwork", "apply", "-f", dir.resolve("clu").toString()));
    }

    /** What bash offers for the last word, as the completion function leaves it in COMPREPLY. */
    private static List<String> complete(Path script, String... words) throws IOException, InterruptedException {
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append(" '").append(word.replace("'", "'\\''")).append("'");
        }
        String program = "source '" + script + "'; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _complete_brickwork; "
                + "printf '%s\\n' \"${COMPREPLY[@]}\"";
        // stderr aside: outside a real completion, bash's compopt complains and carries on.
        Process bash = new ProcessBuilder("bash", "-c", program).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(20, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, bash.exitValue(), output);
        return output.lines().filter(line -> !line.isBlank()).map(String::strip).toList();
    }

    @Test
    void manPagesAreGzippedAsGzipDashNineNWouldAndDecompressToTheSameBytes() throws IOException {
        byte[] troff = ".TH BRICKWORK 1\n.SH NAME\nbrickwork \\- GlusterFS storage for Docker Swarm\n"
                .repeat(20).getBytes(StandardCharsets.UTF_8);

        byte[] gz = CliDocs.gzipBest(troff);

        assertEquals(2, gz[8], "XFL: maximum compression");
        assertArrayEquals(new byte[] {0, 0, 0, 0}, java.util.Arrays.copyOfRange(gz, 4, 8), "no time stamp");
        assertEquals(0, gz[3], "no file name or other flags");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertArrayEquals(troff, in.readAllBytes());
        }
    }
}
