package org.rlvision.workbench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rlvision.agent.Agent;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.agent.bundle.ModelCard;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.env.EnvSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rlvision model}: model bundles; {@code init} writes a randomly initialised one. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Model bundles: 'model init' writes a randomly initialised one (to try record, replay and plugins).",
        subcommands = {ModelCommand.Init.class})
public final class ModelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code rlvision model init --arch clear-cnn --seed S --out DIR}. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Write an untrained model bundle with seeded random weights (model.json + weights.npz).")
    public static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--arch", defaultValue = "clear-cnn", description = "clear-cnn or impala-cnn (default: ${DEFAULT-VALUE}).")
        String arch;

        @Option(names = "--seed", defaultValue = "0", description = "Weight initialisation seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", required = true, description = "Bundle folder to create (must not exist or be empty).")
        Path out;

        @Option(names = "--json", description = "Print the model card as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Architecture a;
            try {
                a = Architecture.parse(arch);
            } catch (IllegalArgumentException e) {
                throw new UserException("--arch: " + e.getMessage());
            }
            ModelCard card;
            try (Agent agent = Agent.random(NetworkConfig.procgen(a), seed)) {
                card = ModelBundle.save(out, agent, EnvSpec.procgen().actions(),
                        org.rlvision.agent.bundle.Provenance.now("rlvision model init", seed, null, List.of()));
            } catch (IOException e) {
                throw new UserException("cannot write the bundle: " + e.getMessage(), e);
            }
            if (json) {
                spec.commandLine().getOut().println(Json.write(card));
            } else {
                spec.commandLine().getOut().printf("wrote an untrained %s bundle (seed %d, %,d parameters) to %s%n",
                        a.id(), seed, card.weights().parameters(), out);
            }
            return ExitCode.OK.code();
        }
    }
}
