package org.rlvision.agent.train;

import org.rlvision.env.VecEnv;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * PPO's environment steps on disk: the actions sent to every environment at every step. The
 * environments are deterministic given their options and actions, so replaying the log puts a
 * fresh set of environments exactly where a killed run left them.
 */
public final class ActionLog implements AutoCloseable {
    /** The magic string at the start of the file. */
    public static final String MAGIC = "RLV-ACTIONS1";

    private final JournalFile file;
    private final int numEnvs;
    private final ByteBuffer row;

    /** Opens (or creates) the log at {@code file} for {@code numEnvs} environments. */
    public ActionLog(Path file, int numEnvs) {
        this.file = new JournalFile(file, MAGIC, numEnvs);
        this.numEnvs = numEnvs;
        this.row = ByteBuffer.allocate(numEnvs);
    }

    /** Steps in the log. */
    public long steps() {
        return file.records();
    }

    /** Keeps the first {@code keep} steps (those a checkpoint counts). */
    public void truncate(long keep) {
        file.truncate(keep);
    }

    /** Appends one step's actions (one per environment, each 0..14). */
    public void append(int[] actions) {
        row.clear();
        for (int i = 0; i < numEnvs; i++) {
            row.put((byte) actions[i]);
        }
        row.flip();
        file.append(row);
    }

    /** Plays the first {@code steps} logged steps on {@code env}. */
    public void replay(VecEnv env, long steps) {
        if (env.numEnvs() != numEnvs) {
            throw new IllegalArgumentException(file.file() + " logs " + numEnvs + " environments, the run has " + env.numEnvs());
        }
        int[] actions = new int[numEnvs];
        ByteBuffer in = ByteBuffer.allocate(numEnvs);
        for (long s = 0; s < steps; s++) {
            in.clear();
            file.read(s, in);
            for (int i = 0; i < numEnvs; i++) {
                actions[i] = in.get(i);
            }
            env.act(actions);
        }
    }

    @Override
    public void close() {
        file.close();
    }
}
