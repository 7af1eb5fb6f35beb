package org.rlvision.workbench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long job with a rate and an ETA: a single updating line on a terminal, plain
 * lines (at most one every few seconds) when output is piped, nothing when quiet.
 */
public final class Progress {
    private final String task;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final boolean quiet;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos;
    private long done;

    /**
     * Starts tracking a job of {@code total} units.
     *
     * @param task  what is being done, e.g. "rendering"
     * @param total number of units (≥ 1)
     * @param out   where progress goes (stderr, so stdout stays clean for --json)
     * @param quiet print nothing
     */
    public Progress(String task, long total, PrintStream out, boolean quiet) {
        this.task = task;
        this.total = Math.max(1, total);
        this.out = out;
        this.terminal = System.console() != null;
        this.quiet = quiet;
    }

    /** Records {@code n} more units done and redraws if due. */
    public void advance(long n) {
        done += n;
        long now = System.nanoTime();
        long interval = terminal ? 100_000_000L : 5_000_000_000L;
        if (!quiet && (now - lastPrintNanos >= interval || done >= total)) {
            lastPrintNanos = now;
            print(now, done >= total);
        }
    }

    private void print(long now, boolean finished) {
        double secs = (now - startNanos) / 1e9;
        double rate = done / Math.max(secs, 1e-9);
        double eta = (total - done) / Math.max(rate, 1e-9);
        String line = String.format(Locale.ROOT, "%s %d/%d (%.0f%%) %.1f/s, %s elapsed, ETA %s",
                task, done, total, 100.0 * done / total, rate, duration(secs), finished ? "0s" : duration(eta));
        if (terminal) {
            out.print("\r" + line + (finished ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    /**
     * The time left for {@code left} more units at the pace of the {@code done} units that took
     * {@code elapsedSeconds}, e.g. "12m30s"; "?" before the first unit.
     */
    static String remaining(double elapsedSeconds, long done, long left) {
        return done <= 0 ? "?" : duration(elapsedSeconds / done * Math.max(0, left));
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }
}
