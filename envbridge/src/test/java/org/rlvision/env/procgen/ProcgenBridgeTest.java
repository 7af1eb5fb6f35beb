package org.rlvision.env.procgen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlvision.env.DistributionMode;
import org.rlvision.env.EndCause;
import org.rlvision.env.EnvOptions;
import org.rlvision.env.StepBatch;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bridge's failure paths and protocol, always run: real interpreters that lack the modules,
 * programs that fail or hang at start-up, and a stand-in worker process ({@link FakeProcgenWorker})
 * that speaks Py4J's wire protocol to the real gateway and can crash or hang mid-run.
 */
class ProcgenBridgeTest {
    private static final Duration SHORT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private Path fakeWorker(String envVars) throws Exception {
        String cp = codeSource(FakeProcgenWorker.class) + File.pathSeparator + codeSource(StepDecoder.class);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return script("fake-python", envVars + " exec '" + java + "' -cp '" + cp + "' " + FakeProcgenWorker.class.getName() + " \"$@\"");
    }

    private static String codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static ProcgenWorkerConfig config(Path interpreter, int startSeconds, int callSeconds) {
        return new ProcgenWorkerConfig(interpreter.toString(), Duration.ofSeconds(startSeconds), Duration.ofSeconds(callSeconds));
    }

    private static boolean noLiveChildren() {
        return ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void anInterpreterWithoutTheModulesNamesThemAndThePipLine() throws Exception {
        assumeTrue(onPath("python3"), "python3 is not installed");
        // -I -S: isolated, no site-packages, so none of numpy/py4j/procgen can be imported
        Path bare = script("bare-python", "exec python3 -I -S \"$@\"");
        ProcgenBridgeException e = assertThrows(ProcgenBridgeException.class,
                () -> ProcgenVecEnv.start(2, EnvOptions.defaults(), config(bare, 30, 5)));
        assertTrue(e.getMessage().startsWith("the Python at '" + bare + "' lacks the module(s) numpy, py4j, procgen; "
                + "install them with: " + bare + " -m pip install numpy py4j procgen"), e.getMessage());
        assertTrue(noLiveChildren());
    }

    @Test
    void aMissingInterpreterSaysSo() {
        ProcgenBridgeException e = assertThrows(ProcgenBridgeException.class,
                () -> ProcgenVecEnv.start(1, EnvOptions.defaults(), ProcgenWorkerConfig.defaults().withPython("/nonexistent/python9")));
        assertTrue(e.getMessage().startsWith("cannot run the Python interpreter '/nonexistent/python9'"), e.getMessage());
        assertTrue(e.getMessage().contains("pip install procgen py4j"), e.getMessage());
    }

    @Test
    void aWorkerThatFailsAtStartQuotesItsStderr() throws Exception {
        Path broken = script("broken-python", "echo 'Fatal Python error: init_fs_encoding' >&2; exit 1");
        ProcgenBridgeException e = assertThrows(ProcgenBridgeException.class,
                () -> ProcgenVecEnv.start(1, EnvOptions.defaults(), config(broken, 30, 5)));
        assertTrue(e.getMessage().contains("exited with status 1 during start-up"), e.getMessage());
        assertTrue(e.getMessage().contains("Fatal Python error: init_fs_encoding"), e.getMessage());
    }

    @Test
    void aWorkerThatNeverConnectsIsStoppedAfterTheStartTimeout() throws Exception {
        Path hung = script("hung-python", "exec sleep 300");
        ProcgenBridgeException e = assertTimeoutPreemptively(SHORT, () -> assertThrows(ProcgenBridgeException.class,
                () -> ProcgenVecEnv.start(1, EnvOptions.defaults(), config(hung, 1, 5))));
        assertTrue(e.getMessage().contains("did not connect within 1 s and was stopped"), e.getMessage());
        assertTrue(noLiveChildren(), "the hung worker was killed");
    }

    @Test
    void aWorkerThatDiesMidRunRaisesWithItsStderrInsteadOfHanging() throws Exception {
        Path fake = fakeWorker("FAKE_DIE_AFTER=3");
        ProcgenVecEnv env = ProcgenVecEnv.start(2, EnvOptions.defaults(), config(fake, 30, 30));
        env.act(new int[] {7, 7});
        env.act(new int[] {7, 7});
        ProcgenBridgeException e = assertTimeoutPreemptively(SHORT,
                () -> assertThrows(ProcgenBridgeException.class, () -> env.act(new int[] {7, 7})));
        assertTrue(e.getMessage().startsWith("the Procgen worker died (exit status 7) while running 'act'"), e.getMessage());
        assertTrue(e.getMessage().contains("fake worker: simulated crash on act 3"), e.getMessage());
        assertFalse(env.workerProcess().isAlive());
        env.close();
    }

    @Test
    void aWorkerThatHangsMidRunIsStoppedAfterTheCallTimeout() throws Exception {
        Path fake = fakeWorker("FAKE_HANG_AFTER=2");
        ProcgenVecEnv env = ProcgenVecEnv.start(1, EnvOptions.defaults(), config(fake, 30, 1));
        env.act(new int[] {4});
        ProcgenBridgeException e = assertTimeoutPreemptively(SHORT,
                () -> assertThrows(ProcgenBridgeException.class, () -> env.act(new int[] {4})));
        assertTrue(e.getMessage().startsWith("the Procgen worker did not answer 'act' within 1 s and was stopped"), e.getMessage());
        assertFalse(env.workerProcess().isAlive());
        assertTrue(noLiveChildren());
    }

    @Test
    void closeEndsTheWorkerAndStepsDecode() throws Exception {
        Path fake = fakeWorker("");
        ProcessHandle worker;
        try (ProcgenVecEnv env = ProcgenVecEnv.start(3, EnvOptions.defaults(), config(fake, 30, 30))) {
            worker = env.workerProcess();
            assertTrue(worker.isAlive());
            assertEquals("python 3.11-fake, procgen fake", env.workerVersions());
            for (int t = 0; t < 5; t++) {
                env.act(new int[] {1, 2, 3});
                StepBatch s = env.observe();
                assertEquals(3 * 64 * 64 * 3, s.observations().length);
                assertFalse(s.first()[0]);
                assertNull(s.episodeEnd(0));
            }
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> env.act(new int[] {1, 2, 15}));
            assertTrue(bad.getMessage().contains("0..14"), bad.getMessage());
        }
        assertTrue(worker.onExit().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS) != null);
        assertFalse(worker.isAlive());
        assertTrue(noLiveChildren());
    }

    @Test
    void optionsReachProcgenUnderTheirOwnNames() {
        EnvOptions o = EnvOptions.builder().optNumLevels(500).optStartLevel(7).optDistributionMode(DistributionMode.EASY)
                .optPaintVelInfo(true).optCenterAgent(true).optUseSequentialLevels(false).optRandSeed(42).build();
        assertEquals("{\"op\":\"create\",\"num\":64,\"shm\":\"/dev/shm/x.block\",\"shm_size\":787336,"
                + "\"options\":{\"num_levels\":500,\"start_level\":7,"
                + "\"distribution_mode\":\"easy\",\"paint_vel_info\":true,\"center_agent\":true,"
                + "\"use_sequential_levels\":false,\"rand_seed\":42}}",
                ProcgenVecEnv.createCommand(64, o, "/dev/shm/x.block", StepDecoder.blockSize(64, 64 * 64 * 3)));
    }

    @Test
    void stepBlocksDecodeIntoTheBatchAndEpisodeEnds() {
        int obs = 64 * 64 * 3;
        StepDecoder d = new StepDecoder(2, obs);
        StepBatch batch = new StepBatch(2, org.rlvision.env.EnvSpec.procgen());
        // 47 quiet steps, then env 0 completes its level (reward 10) and env 1 dies
        for (int t = 0; t < 47; t++) {
            d.decode(block(new float[] {0, 0}, new boolean[] {false, false}, new int[] {4, 9}, new int[] {4, 9},
                    new boolean[] {false, false}, (byte) t), batch, true);
        }
        d.decode(block(new float[] {10, 0}, new boolean[] {true, true}, new int[] {4, 12}, new int[] {4, 9},
                new boolean[] {true, false}, (byte) 200), batch, true);
        assertEquals(10f, batch.rewards()[0]);
        assertTrue(batch.first()[0] && batch.first()[1]);
        assertEquals(12, batch.levelSeeds()[1]);
        assertEquals(9, batch.prevLevelSeeds()[1]);
        assertEquals(new org.rlvision.env.EpisodeEnd(4, 48, 10f, EndCause.COMPLETE), batch.episodeEnd(0));
        assertEquals(new org.rlvision.env.EpisodeEnd(9, 48, 0f, EndCause.NOT_COMPLETE), batch.episodeEnd(1));
        assertEquals((byte) 200, batch.observations()[0]);
        assertEquals((byte) 200, batch.observations()[2 * obs - 1]);
        assertEquals(EndCause.TIMEOUT, StepDecoder.cause(false, 1000));
        ProcgenBridgeException e = assertThrows(ProcgenBridgeException.class, () -> d.decode(new byte[10], batch, true));
        assertTrue(e.getMessage().contains("10-byte step for 2 environments"), e.getMessage());
    }

    private static byte[] block(float[] rew, boolean[] first, int[] seed, int[] prevSeed, boolean[] prevComplete, byte fill) {
        int n = rew.length;
        int obs = 64 * 64 * 3;
        ByteBuffer b = ByteBuffer.allocate(StepDecoder.blockSize(n, obs)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'L', 'V', 'P'}).putInt(n);
        for (float r : rew) {
            b.putFloat(r);
        }
        for (boolean f : first) {
            b.put((byte) (f ? 1 : 0));
        }
        for (int s : seed) {
            b.putInt(s);
        }
        for (int s : prevSeed) {
            b.putInt(s);
        }
        for (boolean c : prevComplete) {
            b.put((byte) (c ? 1 : 0));
        }
        while (b.hasRemaining()) {
            b.put(fill);
        }
        return b.array();
    }

    static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

}
