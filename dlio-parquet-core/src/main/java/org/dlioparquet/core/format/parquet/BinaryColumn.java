package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.spi.SeededContent;

/** A {@code binary} column: {@code size} random bytes per row ({@code SeededContent.fill} as uint8). */
final class BinaryColumn implements GeneratedColumn {
    private final String name;
    private final int index;
    private final SeededContent content;
    private final byte[] value;

    BinaryColumn(String name, int index, int size, SeededContent content) {
        this.name = name;
        this.index = index;
        this.content = content;
        this.value = new byte[size];
    }

    @Override
    public void writeNext(RecordConsumer consumer) {
        content.fill(value, 0, value.length, ElementType.UINT8);
        consumer.startField(name, index);
        consumer.addBinary(Binary.fromReusedByteArray(value));
        consumer.endField(name, index);
    }

    @Override
    public void appendNext(RawChunkWriter chunk) throws IOException {
        content.fill(chunk.page().reserveBinary(value.length), ElementType.UINT8);
        chunk.valueAdded();
    }

    @Override
    public boolean statistics() {
        return false;
    }
}
