package io.brickwork.agent.gluster;

import io.brickwork.agent.system.CommandFailedException;
import io.brickwork.agent.system.CommandResult;

/**
 * gluster answered with a non-zero opRet. With {@code --xml} the exit code is 0 even then, and
 * the reason is in opErrstr (on stdout), so that is what we carry as "stderr".
 */
public final class GlusterCommandException extends CommandFailedException {
    private final int opRet;
    private final int opErrno;
    private final String opErrstr;

    public GlusterCommandException(CommandResult result, int opRet, int opErrno, String opErrstr) {
        super(command(result) + " failed: " + opErrstr, result);
        this.opRet = opRet;
        this.opErrno = opErrno;
        this.opErrstr = opErrstr;
    }

    /** "gluster volume start gfs": the argv without its output flags, as a person would type it. */
    private static String command(CommandResult result) {
        return String.join(" ", result.argv().stream().filter(arg -> !arg.startsWith("--")).toList());
    }

    public int opRet() {
        return opRet;
    }

    public int opErrno() {
        return opErrno;
    }

    public String opErrstr() {
        return opErrstr;
    }

    @Override
    public String stderr() {
        return result().stderr().isBlank() ? opErrstr : result().stderr();
    }
}
