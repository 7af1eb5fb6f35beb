package org.rlvision.env.procgen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Drains a child process's output stream on a daemon thread and keeps its last lines, so an
 * error about a dead worker can quote what it printed.
 */
final class OutputTail {
    private final Deque<String> lines = new ArrayDeque<>();
    private final int maxLines;
    private final Thread thread;

    OutputTail(InputStream in, int maxLines, String name) {
        this.maxLines = maxLines;
        this.thread = new Thread(() -> drain(in), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (lines) {
                    lines.addLast(line);
                    while (lines.size() > maxLines) {
                        lines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process closed its stream: nothing more to keep
        }
    }

    /** Waits briefly for the stream to reach its end (after the process exited). */
    void awaitEnd(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The kept lines joined with newlines. */
    String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
