package io.brickwork.agent.fstab;

/** fstab already mounts something that is not ours on the mount point; an operator must decide. */
public final class FstabConflictException extends Exception {
    private final int lineNumber;
    private final String line;

    public FstabConflictException(String mountPoint, int lineNumber, String line) {
        super("/etc/fstab line " + lineNumber + " mounts something else on " + mountPoint + ": '" + line
                + "'; remove or change that line by hand");
        this.lineNumber = lineNumber;
        this.line = line;
    }

    public int lineNumber() {
        return lineNumber;
    }

    public String line() {
        return line;
    }
}
