package org.dlioparquet.core.format.parquet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dlioparquet.core.spi.SampleSink;

/** Copies every piece a SampleFile delivers, keyed by (sample, column). */
final class CollectingSink implements SampleSink {
    /** One delivered piece; {@code bytes == null} for a null piece. */
    record Piece(int sample, int column, byte[] bytes) {
    }

    final List<Piece> pieces = new ArrayList<>();
    private final Map<Long, List<byte[]>> byValue = new HashMap<>();

    @Override
    public void accept(int sample, int column, ByteBuffer piece) {
        byte[] copy = null;
        if (piece != null) {
            copy = new byte[piece.remaining()];
            piece.duplicate().get(copy);
        }
        pieces.add(new Piece(sample, column, copy));
        byValue.computeIfAbsent(key(sample, column), k -> new ArrayList<>()).add(copy);
    }

    private static long key(int sample, int column) {
        return (long) sample << 32 | column;
    }

    /** The pieces of one value, in order. */
    List<byte[]> pieces(int sample, int column) {
        return byValue.getOrDefault(key(sample, column), List.of());
    }

    /** The concatenated bytes of one value (null pieces skipped). */
    byte[] value(int sample, int column) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] b : pieces(sample, column)) {
            if (b != null) {
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    /** Concatenated bytes per sample of one column, in sample order. */
    Map<Integer, byte[]> column(int column) {
        Map<Integer, ByteArrayOutputStream> acc = new TreeMap<>();
        for (Piece p : pieces) {
            if (p.column == column) {
                ByteArrayOutputStream out = acc.computeIfAbsent(p.sample, k -> new ByteArrayOutputStream());
                if (p.bytes != null) {
                    out.writeBytes(p.bytes);
                }
            }
        }
        Map<Integer, byte[]> result = new TreeMap<>();
        acc.forEach((k, v) -> result.put(k, v.toByteArray()));
        return result;
    }
}
