package org.rlvision.workbench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * The {@code rlvision} command: entry point and error handling. Every subcommand returns an
 * {@link ExitCode}; user errors print one sentence, internal errors a short message (the stack
 * trace only with {@code RLVISION_DEBUG=1}).
 */
@Command(name = "rlvision", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "RL Vision Workbench: play, record and reverse-engineer CoinRun agents.",
        subcommands = {DemoCommand.class, EnvCommand.class, TrainCommand.class, EvaluateCommand.class, AuditCommand.class, ExpertCommand.class, ModelCommand.class, RecordCommand.class,
                ReplayCommand.class, PluginsCommand.class, RunCommand.class, CommandLine.HelpCommand.class})
public final class RlVision implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI and exits with its status. */
    public static void main(String[] args) {
        CommandLine cl = commandLine();
        int status = cl.execute(args);
        cl.getOut().flush(); // commands may end with print() rather than println()
        cl.getErr().flush();
        System.exit(status);
    }

    /** Runs the CLI with these arguments and returns the exit status (for tests and embedding). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured picocli command line (error handlers, exit-code mapping). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RlVision());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof UserException) {
                err.println("error: " + ex.getMessage());
                debugTrace(ex, err);
                return ExitCode.BAD_INPUT.code();
            }
            err.println("internal error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                    + " (rerun with RLVISION_DEBUG=1 for the stack trace, and report it with the command line)");
            debugTrace(ex, err);
            return ExitCode.INTERNAL.code();
        });
        cl.setExitCodeExceptionMapper(ex -> ExitCode.USAGE.code());
        return cl;
    }

    private static void debugTrace(Exception ex, PrintWriter err) {
        if ("1".equals(System.getenv("RLVISION_DEBUG"))) {
            ex.printStackTrace(err);
        }
    }
}
