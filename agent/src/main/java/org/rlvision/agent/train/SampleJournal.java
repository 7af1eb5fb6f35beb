package org.rlvision.agent.train;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The cloning stage's samples on disk, appended as they become final (the expert's
 * demonstrations, then each DAgger round), so a resumed run can rebuild its buffer exactly.
 * Each record is one observation, the expert's action, its accepted-action mask and the value
 * target.
 */
public final class SampleJournal implements AutoCloseable {
    /** The magic string at the start of the file. */
    public static final String MAGIC = "RLV-SAMPLES1";

    private final JournalFile file;
    private final int obsBytes;

    /** Opens (or creates) the journal at {@code file} for observations of {@code obsBytes} bytes. */
    public SampleJournal(Path file, int obsBytes) {
        this.file = new JournalFile(file, MAGIC, obsBytes + 12);
        this.obsBytes = obsBytes;
    }

    /** Records in the file. */
    public long records() {
        return file.records();
    }

    /** Keeps the first {@code keep} records (those a checkpoint counts). */
    public void truncate(long keep) {
        file.truncate(keep);
    }

    /** Appends samples {@code [from, buffer.size())}; the journal must hold exactly {@code from} records. */
    public void append(SampleBuffer buffer, int from) {
        if (from != file.records()) {
            throw new IllegalStateException(file.file() + " holds " + file.records() + " samples, cannot append from sample " + from);
        }
        int per = obsBytes + 12;
        int chunk = Math.max(1, (1 << 22) / per);
        ByteBuffer out = ByteBuffer.allocate(chunk * per);
        for (int i = from; i < buffer.size(); i += chunk) {
            out.clear();
            for (int k = i; k < Math.min(buffer.size(), i + chunk); k++) {
                buffer.copyFrame(k, out.array(), out.position());
                out.position(out.position() + obsBytes);
                out.putInt(buffer.action(k)).putInt(buffer.accepted(k)).putFloat(buffer.valueTarget(k));
            }
            out.flip();
            file.append(out);
        }
    }

    /** Adds the first {@code count} records to {@code buffer}. */
    public void readInto(SampleBuffer buffer, long count) {
        int per = obsBytes + 12;
        int chunk = Math.max(1, (1 << 22) / per);
        ByteBuffer in = ByteBuffer.allocate(chunk * per);
        for (long i = 0; i < count; i += chunk) {
            int n = (int) Math.min(chunk, count - i);
            in.clear().limit(n * per);
            file.read(i, in);
            in.flip();
            for (int k = 0; k < n; k++) {
                int at = in.position();
                in.position(at + obsBytes);
                int action = in.getInt();
                int accepted = in.getInt();
                float value = in.getFloat();
                buffer.add(in.array(), at, action, accepted, value);
            }
        }
    }

    @Override
    public void close() {
        file.close();
    }
}
