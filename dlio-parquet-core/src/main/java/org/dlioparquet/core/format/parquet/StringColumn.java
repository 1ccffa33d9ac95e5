package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.dlioparquet.core.spi.SeededContent;

/**
 * A {@code string} column: {@code "s_" + (nextLong() >>> 33)}, a non-negative int as the DLIO fork
 * writes ({@code size} is not used). Encoded into a reused buffer, no String per row.
 */
final class StringColumn implements GeneratedColumn {
    private final String name;
    private final int index;
    private final SeededContent content;
    private final byte[] utf8 = new byte[2 + 10];

    StringColumn(String name, int index, SeededContent content) {
        this.name = name;
        this.index = index;
        this.content = content;
        utf8[0] = 's';
        utf8[1] = '_';
    }

    @Override
    public void writeNext(RecordConsumer consumer) {
        int length = encodeNext();
        consumer.startField(name, index);
        consumer.addBinary(Binary.fromReusedByteArray(utf8, 0, length));
        consumer.endField(name, index);
    }

    @Override
    public void appendNext(RawChunkWriter chunk) throws IOException {
        chunk.page().putBinary(utf8, 0, encodeNext());
        chunk.valueAdded();
    }

    @Override
    public boolean statistics() {
        return false;
    }

    /** Draws the next value into {@code utf8}; returns its length. */
    private int encodeNext() {
        int value = (int) (content.nextLong() >>> 33);
        int digits = 1;
        for (int v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        for (int i = 1 + digits, v = value; i >= 2; i--, v /= 10) {
            utf8[i] = (byte) ('0' + v % 10);
        }
        return 2 + digits;
    }
}
