package org.rlvision.plugins.circuitedit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples the process's resident memory ({@code VmRSS} of {@code /proc/self/status}) at evenly
 * spaced points of a long run, to show it stays flat; empty where {@code /proc} does not exist.
 */
public final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private final long every;
    private long seen;
    private final List<Double> samples = new ArrayList<>();

    /**
     * A sampler taking about {@code count} samples over {@code total} units of work.
     *
     * @param total units of work the run will report
     * @param count samples wanted
     */
    public ResidentMemory(long total, int count) {
        this.every = Math.max(1, total / Math.max(1, count));
        sample();
    }

    /** Records {@code n} more units done, sampling when a sampling point is passed. */
    public void advance(long n) {
        long before = seen / every;
        seen += n;
        if (seen / every != before) {
            sample();
        }
    }

    /** Takes a sample now. */
    public void sample() {
        double mib = residentMiB();
        if (mib >= 0) {
            samples.add(mib);
        }
    }

    /** The samples so far, in MiB. */
    public List<Double> samples() {
        return List.copyOf(samples);
    }

    /** The current resident set size in MiB, or -1 if unknown. */
    public static double residentMiB() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String[] p = line.trim().split("\\s+");
                    return Long.parseLong(p[1]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
