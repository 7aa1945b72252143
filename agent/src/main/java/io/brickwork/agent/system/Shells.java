package io.brickwork.agent.system;

import java.util.List;
import java.util.Set;

/** Recognizes shells by program name, wherever they are installed. */
final class Shells {
    /** env and busybox run any program they are given, shells included. */
    private static final Set<String> NAMES = Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "csh",
            "tcsh", "fish", "rbash", "busybox", "env");

    private Shells() {}

    static void refuse(List<String> argv) {
        if (isShell(argv.get(0))) {
            throw new ShellNotAllowedException(argv);
        }
    }

    /** "sh", "/bin/sh", "/usr/bin//env/" alike: the last non-empty path component decides. */
    static boolean isShell(String program) {
        String trimmed = program;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return NAMES.contains(trimmed.substring(trimmed.lastIndexOf('/') + 1));
    }
}
