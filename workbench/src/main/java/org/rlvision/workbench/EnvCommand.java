package org.rlvision.workbench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rlvision env}: the CoinRun engines on their own — play, render, benchmark, compare. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Play, render, benchmark and compare CoinRun engines (the embedded Java one and the real Procgen).",
        subcommands = {EnvPlayCommand.class, EnvRenderCommand.class, EnvBenchCommand.class, EnvCompareCommand.class})
public final class EnvCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
