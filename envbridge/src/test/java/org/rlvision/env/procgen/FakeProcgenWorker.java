package org.rlvision.env.procgen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for the Python worker, used where py4j's Python package is not installed (as on
 * CI): a separate process that speaks Py4J's text protocol to the JVM's real GatewayServer
 * (auth, then calls on the entry point {@code t}), writes all-zero steps into the shared
 * block and serves create/act/close. {@code FAKE_DIE_AFTER=n} makes it crash on the n-th act; {@code FAKE_HANG_AFTER=n}
 * makes it stop answering.
 */
public final class FakeProcgenWorker {
    private final BufferedReader in;
    private final Writer out;

    private FakeProcgenWorker(Socket socket) throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Entry point: connects to RLVISION_PY4J_PORT with RLVISION_PY4J_TOKEN and serves commands. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv("RLVISION_PY4J_PORT"));
        String token = System.getenv("RLVISION_PY4J_TOKEN");
        int dieAfter = Integer.parseInt(System.getenv().getOrDefault("FAKE_DIE_AFTER", "-1"));
        int hangAfter = Integer.parseInt(System.getenv().getOrDefault("FAKE_HANG_AFTER", "-1"));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            FakeProcgenWorker w = new FakeProcgenWorker(socket);
            w.send("A\n" + token + "\n");
            w.call("hello", "s3.11-fake", "sfake", "L" + ProcessHandle.current().pid());
            int num = 0;
            int acts = 0;
            int result = -1;
            String shm = null;
            while (true) {
                String answer = w.call("exchange", "i" + result, "L1000");
                result = -1;
                if (answer.equals("!yn")) {
                    continue;
                }
                String json = answer.substring(3);
                if (json.contains("\"op\":\"create\"")) {
                    num = Integer.parseInt(field(json, "num"));
                    shm = stringField(json, "shm");
                    result = write(shm, block(num));
                } else if (json.contains("\"op\":\"act\"")) {
                    acts++;
                    if (acts == dieAfter) {
                        System.err.println("fake worker: simulated crash on act " + acts);
                        System.exit(7);
                    }
                    if (acts == hangAfter) {
                        Thread.sleep(600_000);
                    }
                    result = write(shm, block(num));
                } else {
                    w.call("finish");
                    return;
                }
            }
        }
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":") + name.length() + 3;
        int end = at;
        while (Character.isDigit(json.charAt(end))) {
            end++;
        }
        return json.substring(at, end);
    }

    private static String stringField(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(at, json.indexOf('"', at));
    }

    private static int write(String path, byte[] data) throws IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(path, "rw")) {
            f.write(data);
        }
        return data.length;
    }

    private static byte[] block(int n) {
        ByteBuffer b = ByteBuffer.allocate(StepDecoder.blockSize(n, 64 * 64 * 3)).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'R').put((byte) 'L').put((byte) 'V').put((byte) 'P').putInt(n);
        return b.array();
    }

    private void send(String text) throws IOException {
        out.write(text);
        out.flush();
        in.readLine();
    }

    private String call(String method, String... args) throws IOException {
        StringBuilder sb = new StringBuilder("c\nt\n").append(method).append('\n');
        for (String a : args) {
            sb.append(a).append('\n');
        }
        out.write(sb.append("e\n").toString());
        out.flush();
        String answer = in.readLine();
        if (answer == null) {
            throw new IOException("the JVM closed the connection");
        }
        return answer;
    }
}
