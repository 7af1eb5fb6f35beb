package org.rlvision.env.procgen;

import org.rlvision.env.EndCause;
import org.rlvision.env.EpisodeEnd;
import org.rlvision.env.StepBatch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes the worker's one-block-per-step result (read from the shared block) into a {@link StepBatch} and keeps the per-env
 * episode bookkeeping Procgen does not: length and return, turned into an {@link EpisodeEnd}
 * when {@code first} comes back true.
 *
 * <p>Block layout (little-endian): {@code "RLVP"}, int32 n, float32 rewards[n], uint8 first[n],
 * int32 level_seed[n], int32 prev_level_seed[n], uint8 prev_level_complete[n],
 * uint8 observations[n,64,64,3].
 */
final class StepDecoder {
    private final int numEnvs;
    private final int obsBytes;
    private final int[] episodeLength;
    private final float[] episodeReturn;

    StepDecoder(int numEnvs, int obsBytes) {
        this.numEnvs = numEnvs;
        this.obsBytes = obsBytes;
        this.episodeLength = new int[numEnvs];
        this.episodeReturn = new float[numEnvs];
    }

    /** Bytes a block for {@code n} environments must have. */
    static int blockSize(int n, int obsBytes) {
        return 8 + n * (4 + 1 + 4 + 4 + 1) + n * obsBytes;
    }

    /** Decodes a block held in a byte array (tests, diagnostics). */
    void decode(byte[] block, StepBatch batch, boolean countStep) {
        decode(ByteBuffer.wrap(block), block.length, batch, countStep);
    }

    /**
     * Writes the block at the start of {@code buffer} ({@code length} bytes) into {@code batch}.
     *
     * @param countStep true for the result of a step (false for the initial observation after create)
     * @throws ProcgenBridgeException if the block is malformed
     */
    void decode(ByteBuffer buffer, int length, StepBatch batch, boolean countStep) {
        if (length != blockSize(numEnvs, obsBytes)) {
            throw new ProcgenBridgeException("the Procgen worker sent a " + length + "-byte step for " + numEnvs
                    + " environments; expected " + blockSize(numEnvs, obsBytes) + " (worker and JVM disagree on the protocol)");
        }
        ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.get(0) != 'R' || b.get(1) != 'L' || b.get(2) != 'V' || b.get(3) != 'P') {
            throw new ProcgenBridgeException("the Procgen worker sent a step without the RLVP header");
        }
        int n = b.getInt(4);
        if (n != numEnvs) {
            throw new ProcgenBridgeException("the Procgen worker sent " + n + " environments; expected " + numEnvs);
        }
        int rewardsAt = 8;
        int firstAt = rewardsAt + 4 * n;
        int seedAt = firstAt + n;
        int prevSeedAt = seedAt + 4 * n;
        int prevCompleteAt = prevSeedAt + 4 * n;
        int obsAt = prevCompleteAt + n;
        StepBatch.Writer w = batch.writer();
        for (int i = 0; i < n; i++) {
            float reward = b.getFloat(rewardsAt + 4 * i);
            boolean first = b.get(firstAt + i) != 0;
            int levelSeed = b.getInt(seedAt + 4 * i);
            int prevSeed = b.getInt(prevSeedAt + 4 * i);
            boolean prevComplete = b.get(prevCompleteAt + i) != 0;
            EpisodeEnd end = null;
            if (countStep) {
                episodeLength[i]++;
                episodeReturn[i] += reward;
                if (first) {
                    end = new EpisodeEnd(prevSeed, episodeLength[i], episodeReturn[i], cause(prevComplete, episodeLength[i]));
                    episodeLength[i] = 0;
                    episodeReturn[i] = 0;
                }
            }
            w.set(i, reward, first, levelSeed, prevSeed, prevComplete, end);
        }
        b.get(obsAt, w.observations(), 0, n * obsBytes);
    }

    /** Procgen cannot tell a death from a timeout, except that a timeout lasts exactly 1000 steps. */
    static EndCause cause(boolean complete, int length) {
        if (complete) {
            return EndCause.COMPLETE;
        }
        return length >= 1000 ? EndCause.TIMEOUT : EndCause.NOT_COMPLETE;
    }
}
