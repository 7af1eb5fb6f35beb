package org.rlvision.agent.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only file of fixed-size records behind a short header (magic, record size): the
 * storage of {@link SampleJournal} and {@link ActionLog}. Appends are forced to disk; a resumed
 * run truncates the file to the records its checkpoint counts, dropping whatever a killed run
 * wrote after its last checkpoint.
 */
final class JournalFile implements AutoCloseable {
    private static final int HEADER = 16;

    private final Path file;
    private final FileChannel channel;
    private final int recordBytes;
    private long records;

    JournalFile(Path file, String magic, int recordBytes) {
        this.file = file;
        this.recordBytes = recordBytes;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            if (fresh) {
                byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
                header.put(m, 0, Math.min(12, m.length)).position(12);
                header.putInt(recordBytes).flip();
                channel.write(header, 0);
                channel.force(true);
            } else {
                channel.read(header, 0);
                header.flip();
                byte[] m = new byte[12];
                header.get(m);
                String found = new String(m, StandardCharsets.US_ASCII).trim().replace("\0", "");
                int size = header.getInt();
                if (!found.equals(magic) || size != recordBytes) {
                    channel.close();
                    throw new IllegalArgumentException(file + " is not a " + magic + " journal with " + recordBytes
                            + "-byte records (found '" + found + "', " + size + "); delete it or choose another --out");
                }
            }
            records = (channel.size() - HEADER) / recordBytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the training journal " + file + ": " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    long records() {
        return records;
    }

    /** Drops every record after the first {@code keep}. */
    void truncate(long keep) {
        if (keep > records) {
            throw new IllegalStateException(file + " holds " + records + " records but the checkpoint counts " + keep
                    + "; the journal does not belong to this checkpoint");
        }
        try {
            channel.truncate(HEADER + keep * recordBytes);
            channel.force(true);
            records = keep;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends whole records from {@code data} (its remaining bytes, a multiple of the record size). */
    void append(ByteBuffer data) {
        int n = data.remaining() / recordBytes;
        try {
            long pos = HEADER + records * recordBytes;
            while (data.hasRemaining()) {
                pos += channel.write(data, pos);
            }
            channel.force(false);
            records += n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads records {@code [from, from + dst.remaining()/recordBytes)} into {@code dst}. */
    void read(long from, ByteBuffer dst) {
        try {
            long pos = HEADER + from * recordBytes;
            while (dst.hasRemaining()) {
                int r = channel.read(dst, pos);
                if (r < 0) {
                    throw new IllegalStateException(file + " ends early at record " + (pos - HEADER) / recordBytes);
                }
                pos += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
