package org.rlvision.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learning curve's numbers (ticks, running means, stage boundaries) and what its panels show. */
class LearningCurveTest {
    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(0.02, PlotAxes.niceStep(0.013), 1e-15);
        assertEquals(10, PlotAxes.niceStep(7), 0);
        assertEquals(500_000, PlotAxes.niceStep(1.3e6 / 6), 0);
        assertEquals(1, PlotAxes.niceStep(1), 0);
        assertEquals(0.5, PlotAxes.niceStep(0.5), 0);
        // 0.762..0.845 in about 4 intervals: step 0.05 (0.083/4 = 0.021 -> 0.05), from 0.75 to 0.85
        assertArrayEquals(new double[] {0.75, 0.85, 0.05}, PlotAxes.niceRange(0.762, 0.845, 4), 1e-12);
        // a flat series gets a range around it
        double[] flat = PlotAxes.niceRange(2, 2, 4);
        assertTrue(flat[0] < 2 && flat[1] > 2, java.util.Arrays.toString(flat));
    }

    @Test
    void runningMeanAveragesTheLastPointsAndFewerAtTheStart() {
        assertArrayEquals(new double[] {1, 1.5, 2, 3, 4}, LearningCurve.runningMean(new double[] {1, 2, 3, 4, 5}, 3), 1e-12);
        assertArrayEquals(new double[] {4, 8}, LearningCurve.runningMean(new double[] {4, 8}, 1), 0);
        assertArrayEquals(new double[] {4, 6}, LearningCurve.runningMean(new double[] {4, 8}, 2), 0);
    }

    @Test
    void onlyASeriesThatJumpsAboutIsSmoothed() {
        double[] steady = new double[30];
        double[] jumpy = new double[30];
        for (int i = 0; i < 30; i++) {
            steady[i] = i; // steps of 1 in a range of 29: 0.034 of the range
            jumpy[i] = i % 2; // steps of 1 in a range of 1
        }
        assertFalse(LearningCurve.noisy(steady));
        assertTrue(LearningCurve.noisy(jumpy));
        assertFalse(LearningCurve.noisy(java.util.Arrays.copyOf(jumpy, 2 * LearningCurve.WINDOW)), "too few points");
        assertFalse(LearningCurve.noisy(new double[30]), "flat");
    }

    @Test
    void tickLabelsCarryTheDecimalsTheStepNeeds() {
        assertEquals("0.75", LearningCurve.axisLabel(0.75, 0.05));
        assertEquals("0.020", LearningCurve.axisLabel(0.02, 0.005));
        assertEquals("0.0", LearningCurve.axisLabel(1e-17, 0.5), "a step of 0.5 needs one decimal");
        assertEquals("0", LearningCurve.axisLabel(-1e-17, 1), "rounding noise is not printed as -0");
        assertEquals("1e-4", LearningCurve.axisLabel(1e-4, 5e-6), "learning rates in scientific notation");
        assertEquals("9.5e-5", LearningCurve.axisLabel(9.5e-5, 5e-6));
        assertEquals("1.05e-4", LearningCurve.axisLabel(1.05e-4, 5e-6), "as many digits as the step needs");
        assertEquals("2e-5", LearningCurve.axisLabel(2.0000000001e-5, 1e-5));
        assertEquals("0", LearningCurve.axisLabel(1e-20, 2e-5));
        assertEquals("1.5M", LearningCurve.samplesLabel(1_500_000));
        assertEquals("500k", LearningCurve.samplesLabel(500_000));
        assertEquals("256", LearningCurve.samplesLabel(256));
    }

    @Test
    void ppoLinesCarryEntropyAndClippingAfterTheCloningSamples(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("run.metrics.jsonl");
        Files.writeString(file, """
                {"stage":"bc","round":0,"epoch":0,"samplesSeen":400,"loss":1.2,"policyLoss":1.0,"valueLoss":0.5,"accuracy":0.6,"learnerSuccess":null,"seconds":1}
                {"stage":"dagger","round":1,"epoch":0,"samplesSeen":1000,"loss":1.0,"policyLoss":0.8,"valueLoss":0.4,"accuracy":0.7,"learnerSuccess":0.55,"seconds":2}
                {"update":1,"samples":16384,"episodes":300,"meanReturn":7.6,"successRate":0.76,"policyLoss":0.02,"valueLoss":1.5,"entropy":0.29,"clipFraction":0.14,"seconds":3}
                {"update":2,"samples":32768,"episodes":300,"meanReturn":7.6,"successRate":0.76,"policyLoss":0.02,"valueLoss":1.5,"entropy":0.29,"clipFraction":0.14,"seconds":3,"learningRate":1e-4,"expert":{"deaths":49,"states":188,"fatalMoves":48,"aliveProbability":0.787,"loss":0.57}}
                """);
        List<CurvePoint> p = MetricsFile.read(file);
        assertEquals(4, p.size());
        assertEquals(0.787, p.get(3).agreement(), "with the expert term: the probability on the alive moves where a move is fatal");
        assertTrue(Double.isNaN(p.get(0).success()) && Double.isNaN(p.get(0).entropy()), "cloning measures no entropy");
        assertEquals(0.6, p.get(0).agreement());
        assertEquals(0.55, p.get(1).success());
        assertEquals(1000 + 16384, p.get(2).samples(), "PPO samples count after cloning's");
        assertEquals(0.29, p.get(2).entropy());
        assertEquals(0.14, p.get(2).clipFraction());
        assertTrue(Double.isNaN(p.get(2).agreement()));
        assertTrue(Double.isNaN(p.get(2).learningRate()), "metrics written before the rate was recorded draw none");
        assertEquals(1e-4, p.get(3).learningRate());
        assertEquals(16384 / 300.0, p.get(2).stepsPerEpisode(), 1e-12, "one update's 16,384 steps over its 300 episodes");
        assertTrue(Double.isNaN(p.get(0).stepsPerEpisode()), "cloning epochs play no rollout of their own");
        assertEquals(List.of(400L, 1000L), LearningCurve.stageStarts(p), "bc -> dagger after 400 samples, dagger -> ppo after 1000");
    }

    @Test
    void aPanelShowsItsMeasureOnlyWhereTheRunMeasuredIt() {
        List<CurvePoint> cloning = new ArrayList<>();
        List<CurvePoint> ppo = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            cloning.add(new CurvePoint("dagger", 100L * i, 1.0 / i, 0.5, 0.5 + i / 100.0, 0.4 + i / 100.0, Double.NaN, Double.NaN));
            ppo.add(new CurvePoint("ppo", 100L * i, 0.01, 1.2, Double.NaN, 0.7 + (i % 3) / 100.0, 0.3 - i / 1000.0, 0.05));
        }
        int entropy = LearningCurve.PANELS.get(1).colour().getRGB();
        int agreement = LearningCurve.PANELS.get(4).colour().getRGB();
        BufferedImage c = LearningCurve.draw("cloning", cloning);
        BufferedImage p = LearningCurve.draw("ppo", ppo);
        assertEquals(c.getWidth(), p.getWidth());
        assertFalse(contains(c, entropy), "a cloning run has no entropy line");
        assertTrue(contains(c, agreement), "but an agreement line");
        assertTrue(contains(p, entropy), "a PPO run has an entropy line");
        assertFalse(contains(p, agreement), "and no agreement line");
    }

    private static boolean contains(BufferedImage img, int rgb) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == (rgb & 0xffffff)) {
                    return true;
                }
            }
        }
        return false;
    }
}
