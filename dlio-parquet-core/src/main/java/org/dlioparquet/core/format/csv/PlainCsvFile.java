package org.dlioparquet.core.format.csv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleSink;

/**
 * An uncompressed CSV file. The open scan records where every line starts, so reading samples
 * is a positional read of exactly their lines, in any order (see {@link LineIndex} for files of
 * very many lines).
 */
final class PlainCsvFile implements CsvFile {
    private final Path file;
    private final FileChannel channel;
    private final FileRangeSource region;
    private final CsvLayout layout;
    private final CsvLineDecoder decoder;
    private final long headerBytes;

    private PlainCsvFile(Path file, FileChannel channel, FileRangeSource region, CsvLayout layout,
                         CsvLineDecoder decoder, long headerBytes) {
        this.file = file;
        this.channel = channel;
        this.region = region;
        this.layout = layout;
        this.decoder = decoder;
        this.headerBytes = headerBytes;
    }

    /**
     * Scans {@code channel} (of {@code size} bytes) and returns the open file.
     *
     * @param headerBytes bytes already read to sniff the codec, counted in {@link #bytesRead()}
     */
    static PlainCsvFile open(Path file, FileChannel channel, long size, ReaderSettings settings, long headerBytes,
                             int maxIndexEntries) throws IOException {
        byte[] buffer = new byte[CsvFormatReader.bufferSize(settings, size)];
        FileRangeSource region = new FileRangeSource(file, channel);
        region.select(0, size);
        CsvLayout layout = new CsvStructureScanner(file, settings.elementType(), settings.maxValueBytes())
                .scan(region, buffer, new LineIndex(maxIndexEntries));
        CsvLineDecoder decoder = new CsvLineDecoder(file, settings.elementType(), layout.valuesPerLine(), buffer);
        return new PlainCsvFile(file, channel, region, layout, decoder, headerBytes);
    }

    @Override
    public Path path() {
        return file;
    }

    @Override
    public int sampleCount() {
        return layout.lines();
    }

    @Override
    public List<String> columns() {
        return CsvFormatReader.COLUMNS;
    }

    @Override
    public void read(int first, int count, SampleSink sink) throws IOException {
        Objects.checkFromIndexSize(first, count, layout.lines());
        if (count == 0) {
            return;
        }
        LineIndex index = layout.index();
        int from = index.indexedLineAtOrBefore(first);
        region.select(index.offsetOf(from), index.endBefore(first + count));
        decoder.reset(region);
        decoder.skipLines(first - from, from + 1L);
        for (int k = first; k < first + count; k++) {
            decoder.decodeLine(k, k + 1L, sink);
        }
    }

    @Override
    public long bytesRead() {
        return headerBytes + region.bytesRead();
    }

    @Override
    public CsvCodec codec() {
        return CsvCodec.NONE;
    }

    @Override
    public int valuesPerLine() {
        return layout.valuesPerLine();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
