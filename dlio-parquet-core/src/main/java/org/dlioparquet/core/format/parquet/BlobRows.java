package org.dlioparquet.core.format.parquet;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.SeededContent;

/**
 * Rows of the blob layout: {@code data} = sample k's bytes (C order of the sample shape, elements
 * of the record element type, from {@code SeededContent(spec.sampleSeed(k))}), {@code label} = 0
 * as in DLIO's NPZ {@code y}. One sample-sized buffer per file is reused for every row.
 */
final class BlobRows implements RowSource {
    private final FileSpec spec;
    private final ElementType type;
    private final byte[] sample;

    BlobRows(FileSpec spec, ElementType type, int sampleBytes) {
        this.spec = spec;
        this.type = type;
        this.sample = new byte[sampleBytes];
    }

    @Override
    public void writeRow(int row, RecordConsumer consumer) {
        new SeededContent(spec.sampleSeed(row)).fill(sample, 0, sample.length, type);
        consumer.startField(DlioSchemas.DATA, 0);
        consumer.addBinary(Binary.fromReusedByteArray(sample));
        consumer.endField(DlioSchemas.DATA, 0);
        consumer.startField(DlioSchemas.LABEL, 1);
        consumer.addLong(0);
        consumer.endField(DlioSchemas.LABEL, 1);
    }
}
