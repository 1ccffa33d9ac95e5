package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import org.dlioparquet.core.spi.SampleSink;

/**
 * A file whose columns are read by two readers: those the page-streaming reader can read by it,
 * the rest (DELTA or BYTE_STREAM_SPLIT encoded) by parquet-java. Each delivers its columns' pieces
 * for the rows asked for; the SPI lets columns interleave.
 */
final class MixedRowGroups implements RowGroupReader {
    private final RowGroupReader streamed;
    private final RowGroupReader decoded;

    MixedRowGroups(RowGroupReader streamed, RowGroupReader decoded) {
        this.streamed = streamed;
        this.decoded = decoded;
    }

    @Override
    public void deliver(int g, int from, int to, int firstSample, SampleSink sink) throws IOException {
        streamed.deliver(g, from, to, firstSample, sink);
        decoded.deliver(g, from, to, firstSample, sink);
    }

    @Override
    public long retainedBytes() {
        return streamed.retainedBytes() + decoded.retainedBytes();
    }

    @Override
    public void close() throws IOException {
        try {
            streamed.close();
        } finally {
            decoded.close();
        }
    }
}
