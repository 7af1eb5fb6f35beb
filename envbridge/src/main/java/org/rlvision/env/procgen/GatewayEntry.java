package org.rlvision.env.procgen;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The object the Python worker sees as Py4J's {@code entry_point}: it says hello, then with one
 * call per step hands over the length of the result it wrote into the shared block and takes the
 * next command. Public only because Py4J calls it by reflection; not API.
 */
public final class GatewayEntry {
    private final BlockingQueue<String> commands = new ArrayBlockingQueue<>(1);
    private final BlockingQueue<Object> results = new ArrayBlockingQueue<>(2);
    private final CountDownLatch hello = new CountDownLatch(1);
    private volatile String pythonVersion;
    private volatile String procgenVersion;
    private volatile long workerPid;

    /** Called once by the worker after connecting. */
    public void hello(String python, String procgen, long pid) {
        pythonVersion = python;
        procgenVersion = procgen;
        workerPid = pid;
        hello.countDown();
    }

    /**
     * Called by the worker: hands over the previous command's result (its length in the shared
     * block, or −1 for none) and returns the next command (JSON), or null after
     * {@code timeoutMs} without one.
     */
    public String exchange(int resultLength, long timeoutMs) throws InterruptedException {
        if (resultLength >= 0) {
            results.put(resultLength);
        }
        return commands.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Called by the worker when a command failed. */
    public void exchangeError(String message) throws InterruptedException {
        results.put(new WorkerError(message));
    }

    /** Called by the worker when it has closed its environments and is about to exit. */
    public void finish() {
        results.offer(CLOSED);
    }

    boolean awaitHello(long millis) throws InterruptedException {
        return hello.await(millis, TimeUnit.MILLISECONDS);
    }

    void send(String command) throws InterruptedException {
        commands.put(command);
    }

    Object pollResult(long millis) throws InterruptedException {
        return results.poll(millis, TimeUnit.MILLISECONDS);
    }

    String pythonVersion() {
        return pythonVersion;
    }

    String procgenVersion() {
        return procgenVersion;
    }

    long workerPid() {
        return workerPid;
    }

    /** Marker result of a finished close. */
    static final Integer CLOSED = -2;

    /** A failure reported by the worker. */
    record WorkerError(String message) {
    }
}
