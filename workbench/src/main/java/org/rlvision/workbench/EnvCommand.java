package org.rlvision.workbench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rlvision env}: the embedded CoinRun engine on its own — play, render, benchmark. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Play, render and benchmark the embedded CoinRun engine.",
        subcommands = {EnvPlayCommand.class, EnvRenderCommand.class, EnvBenchCommand.class})
public final class EnvCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
