package org.rlvision.plugins.attribution;

import org.rlvision.plugin.AtomicWrite;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rlvision.agent.Agent;
import org.rlvision.agent.Observations;
import org.rlvision.agent.bundle.ModelCard;
import org.rlvision.env.EnvSpec;
import org.rlvision.plugin.OptionSpec;
import org.rlvision.plugin.OptionType;
import org.rlvision.plugin.PluginContext;
import org.rlvision.plugin.PluginException;
import org.rlvision.plugin.PluginOptions;
import org.rlvision.plugin.Report;
import org.rlvision.plugin.WorkbenchPlugin;
import org.rlvision.plugin.nmf.NmfFactorsFile;
import org.rlvision.trajectories.Advantages;
import org.rlvision.trajectories.Episode;
import org.rlvision.trajectories.ObservationSample;
import org.rlvision.trajectories.Run;
import org.rlvision.trajectories.Sampling;

/**
 * {@code attribution-nmf}: Hilton et al.'s attribution interface. Integrated gradients from a
 * hidden layer to the value (or a logit, a logit difference or an action group) on N sampled
 * observations of a recorded run, NMF of the stacked positive and negative attributions into k
 * factors, an automatic label per factor from the semantic label maps, dataset examples, and the
 * trajectory interface ({@code interface.html}) with per-factor attribution maps for every step of
 * the first trajectories; also {@code factors.json} and {@code factors.png}.
 */
public final class AttributionNmfPlugin implements WorkbenchPlugin {
    /** GAE discount, as in the article's training. */
    static final double GAMMA = 0.999;
    /** GAE λ. */
    static final double LAMBDA = 0.95;
    /** The interface page's file name. */
    public static final String PAGE = "interface.html";
    /** The overview image's file name. */
    public static final String OVERVIEW = "factors.png";

    @Override
    public String id() {
        return "attribution-nmf";
    }

    @Override
    public String description() {
        return "Integrated gradients from a layer to the value, NMF into labelled factors with dataset examples, and the "
                + "trajectory interface (interface.html) of a recorded run (--model, --run).";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.of("layer", OptionType.STRING, "2b", "conv layer to attribute to"),
                OptionSpec.of("output", OptionType.STRING, "value", "what to attribute: " + AttributedOutput.FORMS),
                OptionSpec.of("samples", OptionType.INT, "4096", "observations drawn uniformly from the run to fit the NMF on"),
                OptionSpec.of("factors", OptionType.INT, "8", "number of NMF factors k"),
                OptionSpec.of("steps", OptionType.INT, Integer.toString(IntegratedGradients.DEFAULT_STEPS),
                        "integrated-gradients steps (alpha = 1/steps .. 1)"),
                OptionSpec.of("trajectories", OptionType.INT, "8", "environments shown in the interface"),
                OptionSpec.of("trajectory-steps", OptionType.INT, "512", "steps shown per trajectory"));
    }

    @Override
    public Report run(PluginContext ctx) throws Exception {
        Analysis a = analyse(ctx);
        long t = System.nanoTime();
        InterfacePage.write(a.model(), a.runEpisodes(), ctx.outputDir(), PAGE);
        a.factorsFile().write(ctx.outputDir());
        AtomicWrite.write(ctx.outputDir().resolve(OVERVIEW), Thumbnail.png(FactorOverview.image(a.model().factors())));
        a.seconds().put("page", (System.nanoTime() - t) / 1e9);
        for (int j = 0; j < a.labels().size(); j++) {
            ctx.log().info("factor " + j + ": " + a.labels().get(j));
        }
        Report.Builder report = Report.builder(a.model().title())
                .figure("relative reconstruction error", a.factorsFile().relativeError(), "")
                .figure("completeness gap", a.completenessGap(), "")
                .figure("samples", a.factorsFile().samples(), "")
                .figure("factors", a.labels().size(), "");
        if (a.projectedSteps() > 0) {
            report.figure("projection error of unsampled trajectory steps", a.projectionError(), "");
        }
        for (int j = 0; j < a.labels().size(); j++) {
            report.figure("factor " + j + " IoU (" + a.labels().get(j).name() + ")", a.labels().get(j).iou(), "");
            if (a.labels().get(j).byLift()) {
                report.figure("factor " + j + " lift (" + a.labels().get(j).name() + ")", a.labels().get(j).lift(), "x");
            }
        }
        a.seconds().forEach((phase, sec) -> report.figure("seconds: " + phase, sec, "s"));
        return report
                .artifact(PAGE, Report.Kind.HTML, "the trajectory interface: timeline, attribution overlays per factor, legend")
                .artifact(NmfFactorsFile.NAME, Report.Kind.JSON, "the factors: directions over channels, labels, IoU")
                .artifact(OVERVIEW, Report.Kind.PNG, "each factor's dataset examples and automatic label")
                .build();
    }

    /**
     * What a run computes before it writes anything.
     *
     * @param model           the interface's content
     * @param factorsFile     the content of {@code factors.json}
     * @param labels          each factor's label
     * @param completenessGap the sample's completeness gap ({@link LayerAttribution#completenessGap()})
     * @param projectedSteps  trajectory steps outside the sample, attributed and projected for the interface
     * @param projectionError their projection's relative error
     * @param seconds         seconds per phase, in order
     * @param runEpisodes     per trajectory, the run's episode indices it shows, in order (links dataset examples to steps)
     */
    record Analysis(InterfaceModel model, NmfFactorsFile factorsFile, List<FactorLabel> labels, double completenessGap,
                    int projectedSteps, double projectionError, Map<String, Double> seconds, List<int[]> runEpisodes) {
    }

    /** Samples, attributes, factorises, labels and builds the interface's model. */
    Analysis analyse(PluginContext ctx) throws IOException {
        Settings s = Settings.of(ctx.options());
        Agent agent = ctx.agent();
        Run run = ctx.trajectories();
        List<String> actions = actionNames(ctx, agent);
        AttributedOutput output = AttributedOutput.parse(s.output(), actions);
        IntegratedGradients ig;
        try {
            ig = new IntegratedGradients(agent, s.layer(), output, s.steps(), IntegratedGradients.DEFAULT_BATCH);
        } catch (IllegalArgumentException e) {
            throw new PluginException("--opt layer=" + s.layer() + ": " + e.getMessage(), e);
        }
        if (s.factors() > ig.channels()) {
            throw new PluginException("--opt factors=" + s.factors() + " is more than layer " + s.layer() + "'s "
                    + ig.channels() + " channels; use 1.." + ig.channels());
        }
        int threads = Runtime.getRuntime().availableProcessors();
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t = System.nanoTime();

        ObservationSample sample;
        try {
            sample = Sampling.uniform(run, s.samples(), ctx.seed());
        } catch (IllegalArgumentException e) {
            // the run's lengths are read a second time only on this path
            long total = java.util.Arrays.stream(run.lengths()).asLongStream().sum();
            if (s.samples() <= total) {
                throw e;
            }
            throw new PluginException("--opt samples=" + s.samples() + " is more than the " + total + " steps of run "
                    + run.dir() + "; lower it or record more steps", e);
        }
        t = lap(seconds, "sample", t);

        PluginContext.ProgressReporter igProgress = ctx.progress("integrated gradients", sample.count());
        LayerAttribution attribution = ig.attribute(sample.observations(), igProgress::advance);
        double gap = attribution.completenessGap();
        t = lap(seconds, "integrated gradients", t);

        NmfResult fit = Nmf.fit(attribution.matrix(), Nmf.Config.of(s.factors(), ctx.seed()));
        attribution = null; // N·h·w·C floats (0.5 GB at the defaults), not needed past the fit
        Factors factors = Factors.of(fit);
        FactorMaps maps = factors.mapsOf(fit, sample.count(), ig.height(), ig.width());
        ctx.log().info(String.format(Locale.ROOT, "NMF: k=%d, relative error %.4f after %d iterations on a sketch and %d on "
                + "all %,d rows", s.factors(), fit.relativeError(), fit.sketchIterations(), fit.iterations(), 2L * fit.rows()));
        fit = null; // its W (2·N·h·w·k floats) now lives on in the maps
        t = lap(seconds, "nmf", t);

        byte[] labelMaps = LabelMaps.of(run, sample.episodes(), sample.steps());
        List<FactorLabel> labels = FactorLabeler.label(maps, labelMaps, sample.height(), sample.width());
        t = lap(seconds, "labels", t);

        List<FactorView> views = new ArrayList<>();
        for (int j = 0; j < factors.count(); j++) {
            List<DatasetExamples.Example> examples = DatasetExamples.select(maps, j, sample.episodes(), sample.steps());
            byte[] png = Thumbnail.png(Thumbnail.image(examples, sample.frames(), sample.height(), sample.width(),
                    ig.height(), ig.width()));
            views.add(new FactorView(j, labels.get(j).name(), labels.get(j).iou(), factors.direction(j),
                    colour(j, factors.count()), examples.stream().map(DatasetExamples.Example::example).toList(), png,
                    labels.get(j).iouByName(), labels.get(j).liftByName()));
        }
        t = lap(seconds, "examples", t);

        MapLookup sampled = MapLookup.of(maps, sample.episodes(), sample.steps());
        List<TrajectorySelection> selections = TrajectorySelection.firstSteps(run, s.trajectories(), s.trajectorySteps());
        Extra extra = projectMissing(selections, sampled, ig, factors, threads, ctx);
        List<TrajectoryView> trajectories = new ArrayList<>();
        for (TrajectorySelection sel : selections) {
            trajectories.add(view(sel, factors.count(), ig.height() * ig.width(), actions.size(), sampled, extra.lookup()));
        }
        t = lap(seconds, "trajectories", t);

        Map<String, Object> model = modelProvenance(ctx, agent);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("model", model);
        provenance.put("run", run.dir().toString());
        provenance.put("levels", java.util.Objects.toString(run.info().levels(), ""));
        provenance.put("seed", ctx.seed());
        provenance.put("samples", s.samples());
        provenance.put("integratedGradientsSteps", s.steps());
        provenance.put("relativeError", factors.relativeError());
        provenance.put("completenessGap", gap);
        provenance.put("labels", "the class with the highest lift (mean map on the cells touching it / mean elsewhere; classes "
                + "touching or missing fewer than " + FactorLabeler.MIN_CELLS + " cells left out)");
        provenance.put("labelMasks", "IoU: per class, the factor's top cells covering as many pixels as the class, at most "
                + Math.round(100 * FactorLabeler.MAX_MASK) + "% of cells");
        String modelName = run.info().model() == null || run.info().model().path() == null ? "agent"
                : java.nio.file.Path.of(run.info().model().path()).getFileName().toString();
        String title = modelName + ": attribution of " + output.name() + " to layer " + s.layer()
                + (run.info().levels() == null ? "" : " (levels " + run.info().levels() + ")");
        InterfaceModel im = new InterfaceModel(title, provenance, s.layer(), output.name(), ig.height(), ig.width(), actions,
                views, trajectories);
        List<NmfFactorsFile.Factor> entries = new ArrayList<>();
        for (FactorView v : views) {
            entries.add(new NmfFactorsFile.Factor(v.index(), v.label(), v.iou(), v.direction(), v.iouByClass(), v.liftByClass()));
        }
        NmfFactorsFile file = new NmfFactorsFile(s.layer(), output.name(), ig.channels(), s.samples(), factors.relativeError(), model,
                entries);
        List<int[]> runEpisodes = selections.stream()
                .map(sel -> sel.episodes().stream().mapToInt(Episode::index).toArray()).toList();
        return new Analysis(im, file, labels, gap, extra.steps(), extra.relativeError(), seconds, runEpisodes);
    }

    /** The plugin's options, checked. */
    private record Settings(String layer, String output, int samples, int factors, int steps, int trajectories,
                            int trajectorySteps) {
        static Settings of(PluginOptions o) {
            return new Settings(o.string("layer").trim(), o.string("output"),
                    range(o, "samples", 1, 1 << 20), range(o, "factors", 1, 64), range(o, "steps", 1, 1000),
                    range(o, "trajectories", 1, 256), range(o, "trajectory-steps", 1, 1 << 16));
        }

        private static int range(PluginOptions o, String name, int min, int max) {
            long v = o.integer(name);
            if (v < min || v > max) {
                throw new PluginException("--opt " + name + "=" + v + " is out of range; use " + min + ".." + max);
            }
            return (int) v;
        }
    }

    /** Maps of trajectory steps that were not sampled, computed for the interface. */
    private record Extra(MapLookup lookup, int steps, double relativeError) {
    }

    /** Attributes and projects the trajectory steps the sample does not contain. */
    private static Extra projectMissing(List<TrajectorySelection> selections, MapLookup sampled, IntegratedGradients ig,
                                        Factors factors, int threads, PluginContext ctx) {
        int missing = 0;
        for (TrajectorySelection sel : selections) {
            for (int e = 0; e < sel.episodes().size(); e++) {
                Episode ep = sel.episodes().get(e);
                for (int step = 0; step < sel.used()[e]; step++) {
                    if (!sampled.has(ep.index(), step)) {
                        missing++;
                    }
                }
            }
        }
        if (missing == 0) {
            return new Extra(MapLookup.of(new FactorMaps(0, factors.count(), ig.height(), ig.width(), new float[0],
                    new float[0]), new int[0], new int[0]), 0, 0);
        }
        Episode any = selections.get(0).episodes().get(0);
        int frame = any.frameBytes();
        byte[] frames = new byte[Math.multiplyExact(missing, frame)];
        int[] episodes = new int[missing];
        int[] steps = new int[missing];
        int i = 0;
        for (TrajectorySelection sel : selections) {
            for (int e = 0; e < sel.episodes().size(); e++) {
                Episode ep = sel.episodes().get(e);
                for (int step = 0; step < sel.used()[e]; step++) {
                    if (!sampled.has(ep.index(), step)) {
                        System.arraycopy(ep.observations(), step * frame, frames, i * frame, frame);
                        episodes[i] = ep.index();
                        steps[i] = step;
                        i++;
                    }
                }
            }
        }
        PluginContext.ProgressReporter progress = ctx.progress("attributing trajectory steps", missing);
        LayerAttribution attribution = ig.attribute(new Observations.Frames(missing, any.height(), any.width(), 3, frames),
                progress::advance);
        Factors.Projection p = factors.project(attribution, threads);
        return new Extra(MapLookup.of(p.maps(), episodes, steps), missing, p.relativeError());
    }

    /** One trajectory of the interface. */
    private static TrajectoryView view(TrajectorySelection sel, int k, int cells, int numActions, MapLookup sampled,
                                       MapLookup extra) {
        int n = sel.length();
        Episode first = sel.episodes().get(0);
        int frame = first.frameBytes();
        byte[] frames = new byte[n * frame];
        int[] seeds = new int[n];
        boolean[] firsts = new boolean[n];
        float[] rewards = new float[n];
        float[] values = new float[n];
        float[] advantages = new float[n];
        int[] acts = new int[n];
        float[] logits = new float[n * numActions];
        float[] positive = new float[n * k * cells];
        float[] negative = new float[n * k * cells];
        int t = 0;
        for (int e = 0; e < sel.episodes().size(); e++) {
            Episode ep = sel.episodes().get(e);
            int used = sel.used()[e];
            float[] adv = Advantages.of(ep, GAMMA, LAMBDA).advantages();
            System.arraycopy(ep.observations(), 0, frames, t * frame, used * frame);
            System.arraycopy(ep.first(), 0, firsts, t, used);
            System.arraycopy(ep.rewards(), 0, rewards, t, used);
            System.arraycopy(ep.values(), 0, values, t, used);
            System.arraycopy(adv, 0, advantages, t, used);
            System.arraycopy(ep.actions(), 0, acts, t, used);
            System.arraycopy(ep.logits(), 0, logits, t * numActions, used * numActions);
            for (int step = 0; step < used; step++) {
                seeds[t + step] = ep.levelSeed();
                MapLookup source = sampled.has(ep.index(), step) ? sampled : extra;
                source.copy(ep.index(), step, positive, negative, (t + step) * k * cells);
            }
            t += used;
        }
        return new TrajectoryView(sel.env(), n, first.height(), first.width(), frames, seeds, firsts, rewards, values,
                advantages, acts, logits, positive, negative);
    }

    /** Factor j's display colour: k evenly spaced hues. */
    static int colour(int j, int k) {
        return Color.HSBtoRGB((float) j / k, 0.8f, 0.95f) & 0xFFFFFF;
    }

    private static List<String> actionNames(PluginContext ctx, Agent agent) {
        List<String> names = ctx.modelCard().map(ModelCard::actions).orElse(List.of());
        if (names.size() == agent.config().numActions()) {
            return names;
        }
        List<String> procgen = EnvSpec.procgen().actions();
        if (procgen.size() == agent.config().numActions()) {
            return procgen;
        }
        List<String> numbered = new ArrayList<>();
        for (int a = 0; a < agent.config().numActions(); a++) {
            numbered.add(Integer.toString(a));
        }
        return numbered;
    }

    private static Map<String, Object> modelProvenance(PluginContext ctx, Agent agent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architecture", agent.config().architecture().id());
        ctx.modelCard().ifPresent(card -> {
            m.put("weightsSha256", card.weights().sha256());
            m.put("parameters", card.weights().parameters());
        });
        if (ctx.hasTrajectories() && ctx.trajectories().info().model() != null) {
            m.put("recordedWith", ctx.trajectories().info().model().path());
        }
        return m;
    }

    private static long lap(Map<String, Double> seconds, String phase, long since) {
        long now = System.nanoTime();
        seconds.put(phase, (now - since) / 1e9);
        return now;
    }
}
