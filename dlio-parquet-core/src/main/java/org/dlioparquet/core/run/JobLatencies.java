package org.dlioparquet.core.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.dlioparquet.core.dist.Collective;
import org.dlioparquet.core.metrics.LatencyRecorder;
import org.dlioparquet.core.metrics.ReadLatencies;

/**
 * The read-latency histograms of every process of a job, merged at rank 0 (which writes the
 * job's summary): histograms add up, percentiles do not.
 */
final class JobLatencies {
    private JobLatencies() {
    }

    /** Every process calls it; at rank 0 {@code train} and {@code eval} then hold the whole job's latencies. */
    static void mergeAtRankZero(Collective job, ReadLatencies train, ReadLatencies eval) {
        List<byte[]> all = job.gather(encode(train.perSample(), train.perBatch(), eval.perSample(), eval.perBatch()));
        for (int r = 1; r < all.size(); r++) {
            decodeInto(all.get(r), train.perSample(), train.perBatch(), eval.perSample(), eval.perBatch());
        }
    }

    private static byte[] encode(LatencyRecorder... recorders) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (LatencyRecorder r : recorders) {
                byte[] b = r.toBytes();
                out.writeInt(b.length);
                out.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    private static void decodeInto(byte[] encoded, LatencyRecorder... recorders) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            for (LatencyRecorder r : recorders) {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                r.mergeBytes(b);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated latency histograms from another process", e);
        }
    }
}
