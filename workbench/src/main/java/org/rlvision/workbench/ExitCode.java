package org.rlvision.workbench;

/** The exit codes every {@code rlvision} command uses. */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0),
    /** The command ran but what it checked failed (e.g. a benchmark bar was missed). */
    CHECK_FAILED(1),
    /** The command line was wrong (unknown option, bad value). */
    USAGE(2),
    /** An input file or value was unusable; the message says which and what to do. */
    BAD_INPUT(3),
    /** An unexpected internal error (a bug: please report it with the command line). */
    INTERNAL(70);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The numeric process exit status. */
    public int code() {
        return code;
    }
}
