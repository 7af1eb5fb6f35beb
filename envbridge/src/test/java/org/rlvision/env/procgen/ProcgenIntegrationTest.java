package org.rlvision.env.procgen;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EndCause;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.EpisodeEnd;
import org.rlvision.env.StepBatch;
import org.rlvision.env.coinrun.CoinRunVecEnv;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Against the real Procgen: runs when the interpreter from {@code RLVISION_PYTHON} (else
 * {@code python3}) can {@code import procgen, py4j}; otherwise skipped with that reason.
 */
class ProcgenIntegrationTest {
    private static final int RIGHT_UP = 8;
    private static String python;
    private static String skipReason;

    @BeforeAll
    static void findProcgen() throws Exception {
        python = ProcgenWorkerConfig.defaults().python();
        skipReason = ProcgenWorkerConfig.defaults().unavailableReason().orElse(null);
        if (skipReason != null) {
            System.out.println("ProcgenIntegrationTest skipped: " + skipReason);
        }
    }

    private static ProcgenVecEnv start(int n, EnvOptions o) {
        assumeTrue(skipReason == null, skipReason);
        return ProcgenVecEnv.start(n, o, ProcgenWorkerConfig.defaults().withPython(python));
    }

    @Test
    void observationsAreProcgenFrames() {
        try (ProcgenVecEnv env = start(4, EnvOptions.builder().optRandSeed(3).build())) {
            StepBatch s = env.observe();
            assertEquals(4 * 64 * 64 * 3, s.observations().length);
            for (int i = 0; i < 4; i++) {
                assertTrue(s.first()[i]);
            }
            env.act(new int[] {7, 7, 7, 7});
            int nonBlack = 0;
            for (byte b : env.observe().observations()) {
                nonBlack += b != 0 ? 1 : 0;
            }
            assertTrue(nonBlack > 4 * 64 * 64, "frames have content");
        }
    }

    @Test
    void aFixedSeedIsDeterministic() {
        EnvOptions o = EnvOptions.builder().optRandSeed(5).optNumLevels(20).build();
        try (ProcgenVecEnv a = start(2, o); ProcgenVecEnv b = start(2, o)) {
            int[] actions = {8, 7};
            for (int t = 0; t < 60; t++) {
                a.act(actions);
                b.act(actions);
                assertArrayEquals(a.observe().observations(), b.observe().observations(), "step " + t);
                assertArrayEquals(a.observe().levelSeeds(), b.observe().levelSeeds());
            }
        }
    }

    @Test
    void episodeEndsMapAndAgreeWithTheJavaEngine() {
        // Easy level 4 is solved by holding RIGHT+UP: 48 steps in the Java engine.
        EnvOptions o = EnvOptions.builder().optDistributionMode(DistributionMode.EASY).optSingleLevel(4).build();
        List<EpisodeEnd> procgen = new ArrayList<>();
        List<EpisodeEnd> java = new ArrayList<>();
        try (ProcgenVecEnv p = start(1, o); CoinRunVecEnv j = CoinRunVecEnv.create(1, o)) {
            for (int t = 0; t < 150; t++) {
                p.act(new int[] {RIGHT_UP});
                j.act(new int[] {RIGHT_UP});
                if (p.observe().episodeEnd(0) != null) {
                    procgen.add(p.observe().episodeEnd(0));
                }
                if (j.observe().episodeEnd(0) != null) {
                    java.add(j.observe().episodeEnd(0));
                }
                assertEquals(j.observe().first()[0], p.observe().first()[0], "step " + t);
            }
        }
        assertEquals(3, procgen.size());
        assertEquals(new EpisodeEnd(4, 48, 10f, EndCause.COMPLETE), procgen.get(0));
        assertEquals(java.size(), procgen.size());
        assertEquals(EndCause.COIN, java.get(0).cause());
        assertEquals(java.get(0).length(), procgen.get(0).length());
    }

    @Test
    void closingEndsTheWorker() throws Exception {
        ProcessHandle worker;
        try (ProcgenVecEnv env = start(1, EnvOptions.defaults())) {
            worker = env.workerProcess();
            env.act(new int[] {4});
        }
        worker.onExit().get(10, TimeUnit.SECONDS);
        assertTrue(!worker.isAlive());
    }
}
