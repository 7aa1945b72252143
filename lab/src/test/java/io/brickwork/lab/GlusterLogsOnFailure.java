package io.brickwork.lab;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a lab test fails, prints every node's last warnings and errors from glusterd's log and
 * from the mount's log: CI tears the lab down afterwards, and a gluster command's "Please check
 * log file for details" is otherwise all that is left to diagnose it by.
 */
final class GlusterLogsOnFailure implements TestWatcher {
    private static final int LINES = 25;

    private final Supplier<Lab> lab;

    GlusterLogsOnFailure(Supplier<Lab> lab) {
        this.lab = requireNonNull(lab, "lab is null");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Lab current = lab.get();
        if (current == null) {
            return;
        }
        StringBuilder out = new StringBuilder("--- gluster's logs after the failure of " + context.getDisplayName());
        for (String node : current.nodes()) {
            Path logs = current.nodeDir(node).resolve("log");
            for (String log : List.of("glusterd.log", "mnt.log")) {
                out.append("\n--- ").append(node).append(": ").append(log).append(", its last warnings and errors\n");
                out.append(lastProblems(logs.resolve(log)));
            }
        }
        System.out.println(out);
    }

    private static String lastProblems(Path log) {
        try {
            List<String> problems = Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                    .filter(line -> line.contains("] E [") || line.contains("] W [") || line.contains("] C ["))
                    .toList();
            return String.join("\n", problems.subList(Math.max(0, problems.size() - LINES), problems.size()));
        } catch (IOException e) {
            return "(not read: " + e.getMessage() + ")";
        }
    }
}
