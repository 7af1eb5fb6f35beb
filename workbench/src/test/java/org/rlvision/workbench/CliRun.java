package org.rlvision.workbench;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What one in-process {@code rlvision} invocation returned: exit status and captured output.
 *
 * @param exit the exit status
 * @param out  standard output
 * @param err  standard error
 */
record CliRun(int exit, String out, String err) {
    /** Runs the CLI with these arguments, capturing its output. */
    static CliRun of(String... args) {
        CommandLine cl = RlVision.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
