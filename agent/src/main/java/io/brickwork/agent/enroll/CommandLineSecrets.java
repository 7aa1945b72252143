package io.brickwork.agent.enroll;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Blanks a secret in this process's own command line, as setproctitle(3) does in C: the kernel
 * shows /proc/PID/cmdline (and so ps) from the argv strings in the process's memory, which the
 * JVM copied at start and never reads again. Written through /proc/self/mem, within the argv
 * area that /proc/self/stat names (arg_start, arg_end) and nowhere else.
 */
public final class CommandLineSecrets {
    /** arg_start and arg_end: fields 48 and 49 of /proc/PID/stat (proc(5)). */
    private static final int ARG_START_FIELD = 48;

    private CommandLineSecrets() {}

    /**
     * Overwrites every occurrence of {@code secret} in this process's argv with 'x'.
     *
     * @return whether /proc/self/cmdline no longer shows it
     */
    public static boolean blank(String secret) throws IOException {
        byte[] wanted = secret.getBytes(StandardCharsets.UTF_8);
        if (wanted.length == 0) {
            return true;
        }
        long[] area = argvArea(Files.readString(Path.of("/proc/self/stat")));
        byte[] argv = new byte[(int) (area[1] - area[0])];
        try (RandomAccessFile memory = new RandomAccessFile("/proc/self/mem", "rw")) {
            memory.seek(area[0]);
            memory.readFully(argv);
            byte[] blank = "x".repeat(wanted.length).getBytes(StandardCharsets.US_ASCII);
            for (int at = indexOf(argv, wanted, 0); at >= 0; at = indexOf(argv, wanted, at + wanted.length)) {
                memory.seek(area[0] + at);
                memory.write(blank);
            }
        }
        byte[] shown = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        return indexOf(shown, wanted, 0) < 0;
    }

    /** The fields after the command name, which is in parentheses and may hold spaces or ')'. */
    static long[] argvArea(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
        // fields[0] is field 3 (state).
        int first = ARG_START_FIELD - 3;
        return new long[] {Long.parseLong(fields[first]), Long.parseLong(fields[first + 1])};
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
