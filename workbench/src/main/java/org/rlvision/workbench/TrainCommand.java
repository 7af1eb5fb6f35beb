package org.rlvision.workbench;

import org.rlvision.agent.ActionSelection;
import org.rlvision.agent.Agent;
import org.rlvision.agent.StateDict;
import org.rlvision.agent.bundle.ModelBundle;
import org.rlvision.agent.bundle.Provenance;
import org.rlvision.agent.net.Architecture;
import org.rlvision.agent.net.NetworkConfig;
import org.rlvision.agent.train.CloningTrainer;
import org.rlvision.agent.train.DaggerLabels;
import org.rlvision.agent.train.Evaluation;
import org.rlvision.agent.train.ActionLog;
import org.rlvision.agent.train.PpoLoss;
import org.rlvision.agent.train.ExpertTerm;
import org.rlvision.agent.train.NonFiniteLossException;
import org.rlvision.agent.train.PpoTrainer;
import org.rlvision.agent.train.LearningRateSchedule;
import org.rlvision.agent.train.SampleJournal;
import org.rlvision.agent.train.TrainingCheckpoint;
import org.rlvision.env.procgen.ProcgenBridgeException;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.EnvSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rlvision train}: the expert-guided warm start (behaviour cloning on the planning
 * expert's demonstrations, then DAgger rounds), writing a model bundle with its provenance and
 * held-out success, metrics as JSON lines, a learning-curve PNG and a checkpoint after every epoch.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a CoinRun agent in stages: expert-bc = behaviour cloning on the planning expert's demonstrations, "
                + "then DAgger (the learner plays, the expert labels the states it visits); ppo = PPO fine-tuning with the "
                + "article's settings (64 envs x 256 steps, 8 minibatches, 3 epochs, clip 0.2, lr 5e-4, gamma 0.999, lambda 0.95).",
                "Writes OUT (model bundle), OUT.metrics.jsonl, OUT.learning-curve.png and OUT.checkpoint/ (after every epoch "
                        + "or update; --resume starts from it)."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--stage", defaultValue = "expert-bc", description = "expert-bc, ppo or all (default: ${DEFAULT-VALUE}).")
    String stage;

    @Option(names = "--init", description = "Model bundle to start from (default: seeded random weights).")
    Path init;

    @Option(names = "--init-samples", paramLabel = "FILE",
            description = "Start the sample buffer with every sample of an earlier run's OUT.samples.bin (DAgger aggregates: a new "
                    + "stage with other settings keeps what the learner visited before).")
    Path initSamples;

    @Option(names = "--resume", description = "Continue from OUT.checkpoint (the last finished epoch or update) with its Adam state "
            + "and journal: the result equals an uninterrupted run. Settings must match the first run's; --dagger-rounds and "
            + "--ppo-updates may grow to extend it.")
    boolean resume;

    @Option(names = "--ppo-updates", defaultValue = "20",
            description = "PPO updates, each of --ppo-envs x --ppo-steps steps (default: ${DEFAULT-VALUE}).")
    int ppoUpdates;

    @Option(names = "--ppo-envs", defaultValue = "64", description = "Environments per PPO rollout (default: ${DEFAULT-VALUE}, the article's).")
    int ppoEnvs;

    @Option(names = "--ppo-steps", defaultValue = "256", description = "Steps per environment per PPO rollout (default: ${DEFAULT-VALUE}, the article's).")
    int ppoSteps;

    @Option(names = "--ppo-epochs", defaultValue = "3", description = "Passes over each rollout (default: ${DEFAULT-VALUE}, the article's).")
    int ppoEpochs;

    @Option(names = "--ppo-minibatches", defaultValue = "8",
            description = "Minibatches per pass; envs x steps must divide by it (default: ${DEFAULT-VALUE}, the article's).")
    int ppoMinibatches;

    @Option(names = "--arch", defaultValue = "clear-cnn", description = "clear-cnn or impala-cnn (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--mode", defaultValue = "hard", description = "distribution_mode of the training levels (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--no-paint-vel-info", description = "Train without the velocity squares (default: with them, as in the article).")
    boolean noVelInfo;

    @Option(names = "--levels", defaultValue = "0..1499", description = "Training levels A..B (default: ${DEFAULT-VALUE}).")
    String levels;

    @Option(names = "--epochs", defaultValue = "3", description = "Behaviour-cloning epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--dagger-rounds", defaultValue = "2", description = "DAgger rounds (default: ${DEFAULT-VALUE}).")
    int daggerRounds;

    @Option(names = "--dagger-states", defaultValue = "15000",
            description = "States added per DAgger round (with --dagger-focus below 1, more are visited) (default: ${DEFAULT-VALUE}).")
    int daggerStates;

    @Option(names = "--dagger-batches", defaultValue = "0",
            description = "Minibatches trained after each DAgger round; 0 = one epoch over all data (default: ${DEFAULT-VALUE}).")
    int daggerBatches;

    @Option(names = "--demo-levels", defaultValue = "-1",
            description = "How many of the training levels (from the first) the expert demonstrates before DAgger; 0 = none (default: all).")
    int demoLevels;

    @Option(names = "--dagger-labels", defaultValue = "alive",
            description = "Actions DAgger accepts in a visited state: alive = every action after which a look-ahead still finds a "
                    + "way to stay alive (what trained the shipped agent), safe = also within two running steps of the best, "
                    + "near-best = the expert's action and those within one running step of it (default: ${DEFAULT-VALUE}).")
    String daggerLabels;

    @Option(names = "--dagger-focus", defaultValue = "1",
            description = "Keep a state the learner visits only when it puts less than this probability on the accepted actions; "
                    + "1 keeps all (default: ${DEFAULT-VALUE}).")
    float daggerFocus;

    @Option(names = "--batch", defaultValue = "256", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "5e-4", description = "Adam learning rate of behaviour cloning and DAgger (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--ppo-lr", defaultValue = "5e-4", description = "Adam learning rate of PPO (default: ${DEFAULT-VALUE}, the article's).")
    float ppoLr;

    @Option(names = "--ppo-lr-final", description = "Anneal PPO's learning rate linearly from --ppo-lr to this over the first "
            + "--ppo-lr-anneal updates, and keep it after them (default: a constant --ppo-lr).")
    Float ppoLrFinal;

    @Option(names = "--ppo-lr-anneal", defaultValue = "0",
            description = "Updates over which PPO's learning rate moves from --ppo-lr to --ppo-lr-final (default: ${DEFAULT-VALUE}, constant). "
                    + "The schedule counts updates from the run's first, so --resume and an early stop keep it.")
    int ppoLrAnneal;

    @Option(names = "--ppo-expert", defaultValue = "0",
            description = "Weight of PPO's expert term (default: ${DEFAULT-VALUE}, off): after each death in a rollout the "
                    + "planning expert labels the states that led to it with the moves that stay alive, and PPO's loss gains "
                    + "this times -log pi(alive moves) on the states where some move is fatal. Java engine only.")
    float ppoExpert;

    @Option(names = "--ppo-expert-horizon", defaultValue = "" + ExpertTerm.DEFAULT_HORIZON,
            description = "States before each death the expert term labels (default: ${DEFAULT-VALUE}).")
    int ppoExpertHorizon;

    @Option(names = "--ppo-entropy", defaultValue = "0.01",
            description = "Weight of PPO's entropy bonus (default: ${DEFAULT-VALUE}, the article's; fine-tuning a cloned policy may want less).")
    float ppoEntropy;

    @Option(names = "--value-coef", defaultValue = "0.05", description = "Weight of the value loss (default: ${DEFAULT-VALUE}).")
    float valueCoef;

    @Option(names = "--eval-levels", defaultValue = "1000000..1000199",
            description = "Held-out levels measured at the end and recorded in the bundle (default: ${DEFAULT-VALUE}).")
    String evalLevels;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of weights, shuffling and sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Model bundle folder to write (must not exist or be empty).")
    Path out;

    @Option(names = "--json", description = "Print the summary as JSON (progress still goes to stderr).")
    boolean json;

    @Mixin
    ProcgenFlags backend;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        SeedRange train = SeedRange.parse(levels);
        SeedRange eval = SeedRange.parse(evalLevels);
        DistributionMode m = EnvFlags.parseMode("--mode", mode);
        Architecture architecture;
        try {
            architecture = Architecture.parse(arch);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        if (!resume && Files.exists(out) && Files.list(out).findAny().isPresent()) {
            throw new UserException(out + " already exists and is not empty; choose a new --out folder (or --resume its run)");
        }
        NetworkConfig network = NetworkConfig.procgen(architecture);
        DaggerLabels labels;
        try {
            labels = DaggerLabels.parse(daggerLabels);
        } catch (IllegalArgumentException e) {
            throw new UserException("--dagger-labels: " + e.getMessage());
        }
        requireSettings();
        if (!(daggerFocus > 0 && daggerFocus <= 1)) {
            throw new UserException("--dagger-focus " + daggerFocus + " is not a probability in (0, 1]; 1 keeps every visited state");
        }
        int demos = demoLevels < 0 ? train.size() : demoLevels;
        if (demos > train.size()) {
            throw new UserException("--demo-levels " + demoLevels + " is more than the " + train.size() + " training levels of --levels " + levels);
        }
        CloningTrainer.Config config = new CloningTrainer.Config(m, !noVelInfo, train.first(), train.size(), demos, labels, daggerFocus, epochs,
                daggerRounds, daggerStates, 1, daggerBatches, batch, lr, valueCoef, 0.999f, 0.5f, seed);
        Path metricsFile = out.resolveSibling(out.getFileName() + ".metrics.jsonl");
        TrainingCheckpointStore store = new TrainingCheckpointStore(out.resolveSibling(out.getFileName() + ".checkpoint"));
        Path samplesFile = out.resolveSibling(out.getFileName() + ".samples.bin");
        Path actionsFile = out.resolveSibling(out.getFileName() + ".actions.bin");
        Files.createDirectories(out.toAbsolutePath().getParent());
        List<CurvePoint> metrics = new ArrayList<>();
        String command = "rlvision " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        long t0 = System.nanoTime();
        boolean bc = stage.equals("expert-bc") || stage.equals("all");
        boolean ppo = stage.equals("ppo") || stage.equals("all");
        if (!bc && !ppo) {
            throw new UserException("--stage " + stage + " is not a stage; use expert-bc, ppo or all");
        }
        boolean procgen = backend.procgen();
        if (procgen && ppoExpert > 0) {
            throw new UserException("--ppo-expert " + ppoExpert + " needs the Java engine: the expert reads its game state; "
                    + "leave --ppo-expert out with --env procgen");
        }
        if (procgen && bc) {
            throw new UserException("--env procgen trains only --stage ppo: the expert of --stage " + stage + " reads the Java "
                    + "engine's state; clone on the Java engine, then fine-tune with --stage ppo --init BUNDLE --env procgen");
        }
        Map<String, String> settings = settings();
        Map<String, String> trainingEnv = new LinkedHashMap<>();
        EnvOptions.builder().optDistributionMode(m).optPaintVelInfo(!noVelInfo).optStartLevel(train.first())
                .optNumLevels(train.size()).build().toProcgenKwargs().forEach((k, v) -> trainingEnv.put(k, String.valueOf(v)));
        TrainingCheckpoint resumeFrom = null;
        Path initialWeights = init;
        if (resume) {
            TrainingCheckpointStore.Saved saved = store.load(network);
            requireSameSettings(saved.settings(), settings, store.dir());
            resumeFrom = saved.checkpoint();
            String firstInit = saved.settings().getOrDefault("--init", "");
            initialWeights = firstInit.isEmpty() ? null : Path.of(firstInit); // the run's provenance names what it started from
            metrics.addAll(MetricsFile.keepFirst(metricsFile, saved.metricLines()));
            if (!metrics.isEmpty()) {
                writeCurve(metrics); // drawn by this version, also when no update is left to run
            }
            System.err.println("resuming after " + resumeFrom.position().stage() + " round " + resumeFrom.position().round()
                    + " epoch " + resumeFrom.position().epoch() + " (" + resumeFrom.position().samplesSeen() + " samples seen)");
        } else {
            Files.deleteIfExists(metricsFile);
        }
        int[] lines = {metrics.size()};
        StateDict weights = resume ? null : startWeights(network);
        boolean bcDone = resumeFrom != null && resumeFrom.position().stage().equals("ppo");
        int[] roundsDone = {0}; // DAgger rounds finished by this process, for the ETA
        int[] lastRound = {-1};
        double[] daggerStart = {0}; // seconds into this process when its DAgger rounds began
        if (bc && !bcDone) {
            try (SampleJournal journal = new SampleJournal(samplesFile, 64 * 64 * 3);
                 SampleJournal earlier = resumeFrom == null ? earlierSamples(samplesFile) : null) {
                weights = new CloningTrainer(network, config).train(weights, resumeFrom, journal, earlier,
                        line -> System.err.println("[" + Progress.duration((System.nanoTime() - t0) / 1e9) + "] " + line),
                        metric -> {
                            metrics.add(CurvePoint.of(metric));
                            appendJson(metricsFile, metric);
                            lines[0]++;
                            String eta = "";
                            if (metric.stage().equals("dagger")) {
                                roundsDone[0] += metric.round() != lastRound[0] ? 1 : 0;
                                lastRound[0] = metric.round();
                                eta = ", ETA " + Progress.remaining(metric.seconds() - daggerStart[0], roundsDone[0], daggerRounds - metric.round());
                            } else {
                                daggerStart[0] = metric.seconds();
                            }
                            System.err.printf(Locale.ROOT, "[%s] %s round %d epoch %d: loss %.4f, accuracy %.3f, value loss %.3f%s%n",
                                    Progress.duration(metric.seconds()), metric.stage(), metric.round(), metric.epoch(), metric.loss(),
                                    metric.accuracy(), metric.valueLoss(), eta);
                            writeCurve(metrics);
                        },
                        c -> store.save(network, c, lines[0], settings, command, trainingEnv));
            } catch (NonFiniteLossException e) { // the step was not taken; the checkpoint before it holds finite weights
                throw notFinite(e, store, "--lr");
            }
            resumeFrom = null;
        }
        if (ppo) {
            EnvOptions ppoOptions = EnvOptions.builder().optDistributionMode(m).optPaintVelInfo(!noVelInfo)
                    .optStartLevel(train.first()).optNumLevels(train.size()).optRandSeed((int) seed).build();
            long base = metrics.isEmpty() ? 0 : metrics.stream().filter(x -> !x.stage().equals("ppo")).mapToLong(CurvePoint::samples)
                    .max().orElse(0);
            if (resumeFrom == null && weights == null && stage.equals("ppo")) {
                weights = org.rlvision.agent.WeightInit.random(org.rlvision.agent.net.ActorCriticNet.build(network).layout(), seed);
            }
            int[] updatesDone = {0};
            try (ActionLog log = new ActionLog(actionsFile, ppoEnvs)) {
                weights = ppoTrainer(network, m).train(weights, resumeFrom, log, backend.envs(ppoEnvs), ppoOptions,
                        metric -> {
                            appendJson(metricsFile, metric);
                            lines[0]++;
                            metrics.add(CurvePoint.of(metric, base));
                            updatesDone[0]++;
                            System.err.printf(Locale.ROOT, "[%s] ppo update %d/%d: %d samples, %d episodes, success %.3f, return %.2f, "
                                            + "entropy %.3f, value loss %.3f, clip fraction %.3f, lr %.2e, ETA %s%n",
                                    Progress.duration(metric.seconds()), metric.update(), ppoUpdates, metric.samples(), metric.episodes(),
                                    metric.successRate(), metric.meanReturn(), metric.entropy(), metric.valueLoss(), metric.clipFraction(),
                                    metric.learningRate(),
                                    Progress.remaining(metric.seconds(), updatesDone[0], ppoUpdates - metric.update()));
                            if (metric.expert() != null) {
                                PpoTrainer.ExpertFigures x = metric.expert();
                                System.err.printf(Locale.ROOT, "    expert term: %d deaths, %d labelled states where a move is fatal, "
                                                + "fatal move taken in %d, p(alive moves) %.3f, -log p(alive) %.3f%n",
                                        x.deaths(), x.states(), x.fatalMoves(), x.aliveProbability(), x.loss());
                            }
                            writeCurve(metrics);
                        },
                        c -> store.save(network, c, lines[0], settings, command, trainingEnv));
            } catch (ProcgenBridgeException e) { // the worker failed to start, died or hung; a checkpoint written stays
                throw new UserException(e.getMessage() + (Files.isDirectory(store.dir())
                        ? " (the last checkpoint is kept: --resume continues from it)" : ""), e);
            } catch (NonFiniteLossException e) { // the step was not taken; the checkpoint before it holds finite weights
                throw notFinite(e, store, ppoExpert > 0 ? "--ppo-lr or --ppo-expert" : "--ppo-lr");
            }
        }
        long samples = metrics.isEmpty() ? 0 : metrics.get(metrics.size() - 1).samples();
        EnvOptions evalOptions = EnvOptions.builder().optDistributionMode(m).optPaintVelInfo(!noVelInfo).build();
        Evaluation.Result result;
        try (Agent agent = Agent.of(network, weights)) {
            Progress p = new Progress("evaluating", eval.size(), System.err, false);
            try {
                result = Evaluation.run(agent, backend.envs(1), evalOptions, eval.first(), eval.size(),
                        backend.evaluationSlots(),
                        ActionSelection.SAMPLE, seed, () -> p.advance(1));
            } catch (ProcgenBridgeException e) {
                throw new UserException(e.getMessage() + " (the last checkpoint is kept: --resume evaluates it again)", e);
            }
            Map<String, String> env = new LinkedHashMap<>();
            evalOptions.toProcgenKwargs().forEach((k, v) -> env.put(k, String.valueOf(v)));
            Provenance.Training training = new Provenance.Training(command, env, train.first(), train.size(), samples, seed,
                    result.successRate(), String.format(Locale.ROOT, "%d held-out levels %s, sampled actions: %d/%d (95%% CI %.3f-%.3f)",
                    result.levels(), eval, result.successes(), result.levels(), result.low95(), result.high95()));
            List<Provenance.Input> inputs = initialWeights == null || !Files.isRegularFile(initialWeights.resolve(ModelBundle.WEIGHTS))
                    ? List.of() : List.of(Provenance.Input.of("initial weights", initialWeights.resolve(ModelBundle.WEIGHTS)));
            // written beside OUT and moved into place, so a resumed run replaces the bundle it wrote before
            FolderSwap swap = new FolderSwap(out);
            ModelBundle.save(swap.begin(), agent, EnvSpec.procgen().actions(), Provenance.now("rlvision train", seed, training, inputs));
            swap.commit();
        }
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("model", out.toString());
            j.put("architecture", architecture.id());
            j.put("stage", stage);
            j.put("levels", train.toString());
            j.put("samples", samples);
            j.put("evaluation", result);
            j.put("metrics", metricsFile.toString());
            j.put("provenance", org.rlvision.workbench.Provenance.of(spec.commandLine().getParseResult().originalArgs()).toMap());
            stdout.println(Json.write(j));
        } else {
            stdout.printf(Locale.ROOT, "trained %s on levels %s (%d samples seen): held-out success %.1f%% (%d/%d, 95%% CI %.1f-%.1f%%) on %s; causes %s%n",
                    architecture.id(), train, samples, 100 * result.successRate(), result.successes(), result.levels(),
                    100 * result.low95(), 100 * result.high95(), eval, result.causes());
            stdout.println("wrote " + out + ", " + metricsFile + " and " + out.resolveSibling(out.getFileName() + ".learning-curve.png"));
        }
        return ExitCode.OK.code();
    }

    private StateDict startWeights(NetworkConfig network) throws IOException {
        if (init == null) {
            return null;
        }
        if (!Files.isDirectory(init)) {
            throw new UserException("--init: no model bundle at " + init + "; pass a folder holding model.json");
        }
        try (ModelBundle b = ModelBundle.load(init)) {
            if (!b.agent().config().equals(network)) {
                throw new UserException(init + " holds a " + b.agent().config().architecture().id() + " model; pass --arch "
                        + b.agent().config().architecture().id() + " or another bundle");
            }
            return b.agent().stateDict();
        }
    }

    /** The journal named by --init-samples, opened for reading, or null; {@code own} is this run's journal. */
    private SampleJournal earlierSamples(Path own) {
        if (initSamples == null) {
            return null;
        }
        if (!Files.isRegularFile(initSamples)) {
            throw new UserException("--init-samples " + initSamples + " is not a file; pass an earlier run's OUT.samples.bin");
        }
        if (initSamples.toAbsolutePath().normalize().equals(own.toAbsolutePath().normalize())) {
            throw new UserException("--init-samples " + initSamples + " is this run's own journal; to continue that run use --resume");
        }
        try {
            return new SampleJournal(initSamples, 64 * 64 * 3);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new UserException("--init-samples: " + e.getMessage() + "; pass an earlier run's OUT.samples.bin", e);
        }
    }

    /**
     * Checks every numeric setting before anything runs: a bad PPO setting used to surface only when
     * the PPO stage began, after hours of cloning.
     */
    private void requireSettings() {
        requireAtLeast("--epochs", epochs, 0);
        requireAtLeast("--dagger-rounds", daggerRounds, 0);
        requireAtLeast("--dagger-states", daggerStates, 0);
        requireAtLeast("--dagger-batches", daggerBatches, 0);
        requireAtLeast("--batch", batch, 1);
        // --resume --ppo-updates N with N updates done ends a stopped run (evaluates and writes the bundle)
        requireAtLeast("--ppo-updates", ppoUpdates, resume ? 0 : 1);
        if (!(lr > 0) || Float.isInfinite(lr)) {
            throw new UserException("--lr " + lr + " is not a positive learning rate");
        }
        if (!(valueCoef >= 0) || Float.isInfinite(valueCoef)) {
            throw new UserException("--value-coef " + valueCoef + " is not a weight >= 0");
        }
        if (!(ppoLr > 0) || Float.isInfinite(ppoLr)) {
            throw new UserException("--ppo-lr " + ppoLr + " is not a positive learning rate");
        }
        if (ppoLrFinal != null && (!(ppoLrFinal > 0) || Float.isInfinite(ppoLrFinal))) {
            throw new UserException("--ppo-lr-final " + ppoLrFinal + " is not a positive learning rate");
        }
        requireAtLeast("--ppo-lr-anneal", ppoLrAnneal, 0);
        if (ppoLrFinal != null && ppoLrAnneal == 0) {
            throw new UserException("--ppo-lr-final " + ppoLrFinal + " needs --ppo-lr-anneal N, the updates over which to move "
                    + "from --ppo-lr " + ppoLr + " to it");
        }
        if (ppoLrFinal == null && ppoLrAnneal > 0) {
            throw new UserException("--ppo-lr-anneal " + ppoLrAnneal + " needs --ppo-lr-final, the learning rate to anneal to");
        }
        if (!(ppoExpert >= 0) || Float.isInfinite(ppoExpert)) {
            throw new UserException("--ppo-expert " + ppoExpert + " is not a weight >= 0");
        }
        if (ppoExpertHorizon < 1 || ppoExpertHorizon > 1000) {
            throw new UserException("--ppo-expert-horizon " + ppoExpertHorizon + " must be 1..1000 states");
        }
        if (!(ppoEntropy >= 0) || Float.isInfinite(ppoEntropy)) {
            throw new UserException("--ppo-entropy " + ppoEntropy + " is not a weight >= 0");
        }
        requireAtLeast("--ppo-envs", ppoEnvs, 1);
        requireAtLeast("--ppo-steps", ppoSteps, 1);
        requireAtLeast("--ppo-epochs", ppoEpochs, 1);
        requireAtLeast("--ppo-minibatches", ppoMinibatches, 1);
        long rollout = (long) ppoEnvs * ppoSteps;
        if (rollout > PpoTrainer.Config.MAX_ROLLOUT) {
            throw new UserException("--ppo-envs " + ppoEnvs + " x --ppo-steps " + ppoSteps + " = " + rollout + " samples; a rollout "
                    + "keeps every frame (12,288 bytes) in memory, so at most " + PpoTrainer.Config.MAX_ROLLOUT + " samples: lower one of them");
        }
        if (rollout % ppoMinibatches != 0) {
            throw new UserException("--ppo-envs " + ppoEnvs + " x --ppo-steps " + ppoSteps + " = " + rollout + " samples do not split "
                    + "into --ppo-minibatches " + ppoMinibatches + " equal minibatches; choose a divisor of " + rollout);
        }
    }

    private static void requireAtLeast(String option, int value, int min) {
        if (value < min) {
            throw new UserException(option + " " + value + " must be at least " + min);
        }
    }

    /** PPO's settings: the article's, with this command's rollout size, epochs, minibatches, learning rate, entropy weight, update count and seed. */
    PpoTrainer.Config ppoConfig() {
        PpoTrainer.Config a = PpoTrainer.Config.article(ppoUpdates, seed);
        LearningRateSchedule rate = ppoLrFinal == null ? LearningRateSchedule.constant(ppoLr)
                : new LearningRateSchedule(ppoLr, ppoLrFinal, ppoLrAnneal);
        return new PpoTrainer.Config(ppoEnvs, ppoSteps, ppoMinibatches, ppoEpochs, a.updates(), rate, a.gamma(), a.lambda(),
                new PpoLoss(a.loss().clip(), a.loss().valueCoef(), ppoEntropy), a.maxGradNorm(), a.seed());
    }

    /** The one sentence for a refused non-finite step of either stage, naming the options that would make steps smaller. */
    private static UserException notFinite(NonFiniteLossException e, TrainingCheckpointStore store, String lower) {
        return new UserException(e.getMessage() + (Files.isDirectory(store.dir())
                ? "; the last checkpoint is kept: --resume continues from it, and if it happens again at the same place, lower " + lower
                : "; lower " + lower), e);
    }

    /** PPO's trainer, with the expert term when {@code --ppo-expert} is on. */
    private PpoTrainer ppoTrainer(NetworkConfig network, DistributionMode mode) {
        PpoTrainer trainer = new PpoTrainer(network, ppoConfig());
        return ppoExpert > 0 ? trainer.withExpertTerm(new ExpertTerm(ppoExpert, ppoExpertHorizon, mode)) : trainer;
    }

    /** The settings a resumed run must share with the run it continues (the counts that only extend it are left out). */
    private Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("--stage", stage);
        s.put("--init", init == null ? "" : init.toString());
        if (initSamples != null) { // recorded only when given, so checkpoints from before this option still resume
            s.put("--init-samples", initSamples.toString());
        }
        s.put("--arch", arch);
        s.put("--mode", mode);
        s.put("--no-paint-vel-info", String.valueOf(noVelInfo));
        s.put("--levels", levels);
        s.put("--demo-levels", String.valueOf(demoLevels));
        s.put("--dagger-labels", daggerLabels);
        s.put("--dagger-focus", String.valueOf(daggerFocus));
        s.put("--epochs", String.valueOf(epochs));
        s.put("--dagger-states", String.valueOf(daggerStates));
        s.put("--dagger-batches", String.valueOf(daggerBatches));
        s.put("--batch", String.valueOf(batch));
        s.put("--lr", String.valueOf(lr));
        s.put("--value-coef", String.valueOf(valueCoef));
        // recorded only when not the article's, so checkpoints from before these options still resume
        PpoTrainer.Config article = PpoTrainer.Config.article(0, 0);
        if (ppoLr != article.learningRate().initial()) {
            s.put("--ppo-lr", String.valueOf(ppoLr));
        }
        if (ppoLrFinal != null) {
            s.put("--ppo-lr-final", String.valueOf(ppoLrFinal));
            s.put("--ppo-lr-anneal", String.valueOf(ppoLrAnneal));
        }
        if (ppoEntropy != article.loss().entropyCoef()) {
            s.put("--ppo-entropy", String.valueOf(ppoEntropy));
        }
        putUnlessDefault(s, "--ppo-envs", ppoEnvs, article.envs());
        putUnlessDefault(s, "--ppo-steps", ppoSteps, article.steps());
        putUnlessDefault(s, "--ppo-epochs", ppoEpochs, article.epochs());
        putUnlessDefault(s, "--ppo-minibatches", ppoMinibatches, article.minibatches());
        if (ppoExpert > 0) { // recorded only when on, so checkpoints from before this option still resume
            s.put("--ppo-expert", String.valueOf(ppoExpert));
            s.put("--ppo-expert-horizon", String.valueOf(ppoExpertHorizon));
        }
        s.put("--seed", String.valueOf(seed));
        if (backend.procgen()) { // recorded only for the real game, so checkpoints from before this option still resume
            s.put("--env", "procgen");
        }
        return s;
    }

    private static void putUnlessDefault(Map<String, String> settings, String option, int value, int article) {
        if (value != article) {
            settings.put(option, String.valueOf(value));
        }
    }

    private static void requireSameSettings(Map<String, String> saved, Map<String, String> now, Path dir) {
        for (Map.Entry<String, String> e : saved.entrySet()) {
            String key = e.getKey();
            if (key.equals("--init") && now.get(key).isEmpty()) {
                continue; // --resume without --init: the first run's value stays on record
            }
            if (!e.getValue().equals(now.get(key))) {
                String was = e.getValue().isEmpty() ? "none" : e.getValue();
                throw new UserException("--resume: " + dir + " was trained with " + key + " " + was + ", this command has "
                        + key + " " + now.get(key) + "; resume with the same settings (only --dagger-rounds and --ppo-updates may change)");
            }
        }
        for (Map.Entry<String, String> e : now.entrySet()) {
            if (!saved.containsKey(e.getKey())) { // a setting recorded only when it differs from its default
                throw new UserException("--resume: " + dir + " was trained with the default " + e.getKey() + ", this command has "
                        + e.getKey() + " " + e.getValue() + "; resume with the same settings (only --dagger-rounds and --ppo-updates may change)");
            }
        }
    }

    private static void appendJson(Path file, Object metric) {
        String json = Json.write(metric).replace("\n", "").replaceAll(" +", " ");
        try {
            Files.writeString(file, json + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UserException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    private void writeCurve(List<CurvePoint> metrics) {
        Frames.writePng(out.resolveSibling(out.getFileName() + ".learning-curve.png"),
                LearningCurve.draw("rlvision train: " + out.getFileName(), metrics));
    }

}
