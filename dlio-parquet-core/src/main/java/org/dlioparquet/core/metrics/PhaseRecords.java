package org.dlioparquet.core.metrics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Phase records as bytes, so that the processes of a job can send theirs to each other and
 * summarise an epoch over every accelerator of the job exactly as one process summarises its own.
 * Every step's times travel too: a summary from decoded records equals one from the originals.
 */
public final class PhaseRecords {
    private static final int VERSION = 1;

    private PhaseRecords() {
    }

    public static byte[] encode(List<PhaseRecord> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeInt(records.size());
            for (PhaseRecord r : records) {
                write(out, r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException the bytes are not what {@link #encode} wrote */
    public static List<PhaseRecord> decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("phase records of version " + version + ", expected " + VERSION
                        + ": every process of a job must run the same dlio-parquet");
            }
            int n = in.readInt();
            List<PhaseRecord> records = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                records.add(read(in));
            }
            return records;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated phase records", e);
        }
    }

    private static void write(DataOutputStream out, PhaseRecord r) throws IOException {
        out.writeInt(r.rank());
        out.writeInt(r.epoch());
        writeInstant(out, r.start());
        writeInstant(out, r.end());
        StepTimes t = r.steps();
        out.writeInt(t.steps());
        out.writeLong(Math.round(t.duration() * 1e9));
        for (int i = 0; i < t.steps(); i++) {
            out.writeDouble(t.load(i));
            out.writeDouble(t.compute(i));
            out.writeLong(t.storageBytes(i));
            out.writeLong(t.payloadBytes(i));
        }
        BlockMetrics m = r.metrics();
        out.writeDouble(m.au());
        out.writeDouble(m.samplesPerSecond());
        out.writeDouble(m.storageBytesPerSecond());
        out.writeDouble(m.payloadBytesPerSecond());
        out.writeInt(m.measuredSteps());
        out.writeDouble(m.measuredSeconds());
        out.writeBoolean(m.exclusionsDropped());
        out.writeLong(r.storageBytes());
        out.writeLong(r.payloadBytes());
        out.writeLong(r.samples());
        out.writeLong(r.skipped());
        out.writeLong(r.filesReadAgain());
    }

    private static PhaseRecord read(DataInputStream in) throws IOException {
        int rank = in.readInt();
        int epoch = in.readInt();
        Instant start = readInstant(in);
        Instant end = readInstant(in);
        int steps = in.readInt();
        long durationNanos = in.readLong();
        StepTimes t = new StepTimes();
        t.start(0);
        for (int i = 0; i < steps; i++) {
            t.add(in.readDouble(), in.readDouble(), in.readLong(), in.readLong());
        }
        t.end(durationNanos);
        BlockMetrics m = new BlockMetrics(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readInt(), in.readDouble(), in.readBoolean());
        return new PhaseRecord(rank, epoch, start, end, t, m, in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong());
    }

    private static void writeInstant(DataOutputStream out, Instant i) throws IOException {
        out.writeLong(i.getEpochSecond());
        out.writeInt(i.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
}
