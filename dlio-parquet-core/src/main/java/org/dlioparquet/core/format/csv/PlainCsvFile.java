package org.dlioparquet.core.format.csv;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;

/**
 * CSV text whose lines can be entered directly: the open scan records where every line starts,
 * so reading samples is a read of exactly their lines, in any order (see {@link LineIndex} for
 * files of very many lines). The text is the file's own bytes, or, when it fits
 * {@link ReaderSettings#fileCacheBytes}, a copy the scan kept ({@link HeldText}), plain or
 * decompressed: then the scan was the only read of the file, and the file is closed at once.
 */
final class PlainCsvFile implements CsvFile {
    private final Path file;
    /** Open while samples are read from the file; null when the text is held. */
    private final FileChannel channel;
    private final CsvCodec codec;
    private final RangeSource text;
    private final CsvLayout layout;
    private final CsvLineDecoder decoder;
    /** Bytes read from storage to open the file, beyond what {@code text} counts. */
    private final long openBytes;

    PlainCsvFile(Path file, FileChannel channel, CsvCodec codec, RangeSource text, CsvLayout layout,
                 CsvLineDecoder decoder, long openBytes) {
        this.file = file;
        this.channel = channel;
        this.codec = codec;
        this.text = text;
        this.layout = layout;
        this.decoder = decoder;
        this.openBytes = openBytes;
    }

    /**
     * Scans an uncompressed file and returns it open, holding its text when it fits.
     *
     * @param head the file's first bytes, already read to sniff the codec
     */
    static SampleFile open(Path file, FileChannel channel, long size, ReaderSettings settings, byte[] head,
                           int maxIndexEntries) throws IOException {
        byte[] buffer = new byte[CsvFormatReader.bufferSize(settings, size)];
        FileRangeSource region = new FileRangeSource(file, channel);
        region.select(head.length, size);
        TextRecorder recorder = TextRecorder.ofSize(new PrefixedSource(head, region), size, settings.fileCacheBytes());
        CsvLayout layout = new CsvStructureScanner(file, settings.elementType(), settings.maxValueBytes())
                .scan(recorder, buffer, new LineIndex(maxIndexEntries));
        CsvLineDecoder decoder = new CsvLineDecoder(file, settings.elementType(), layout.valuesPerLine(), buffer);
        HeldText held = recorder.held();
        if (held != null) {
            channel.close();
            return new PlainCsvFile(file, null, CsvCodec.NONE, held, layout, decoder, head.length + region.bytesRead());
        }
        return new PlainCsvFile(file, channel, CsvCodec.NONE, region, layout, decoder, head.length);
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
        text.select(index.offsetOf(from), index.endBefore(first + count));
        decoder.reset(text);
        decoder.skipLines(first - from, from + 1L);
        for (int k = first; k < first + count; k++) {
            decoder.decodeLine(k, k + 1L, sink);
        }
    }

    @Override
    public long bytesRead() {
        return openBytes + text.bytesRead();
    }

    @Override
    public long retainedBytes() {
        return (text instanceof HeldText held ? held.bytes() : 0) + layout.index().bytes() + decoder.bufferBytes();
    }

    @Override
    public CsvCodec codec() {
        return codec;
    }

    @Override
    public int valuesPerLine() {
        return layout.valuesPerLine();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
