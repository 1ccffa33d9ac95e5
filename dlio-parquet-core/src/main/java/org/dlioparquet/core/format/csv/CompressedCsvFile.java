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
 * A gzip/bz2/xz/zstd-compressed CSV file whose text is too large to hold
 * ({@link ReaderSettings#fileCacheBytes}; a smaller one is decompressed once, on open, and read
 * from memory as a {@link PlainCsvFile}). A compressed stream cannot be entered in the middle, so
 * reads stream forward from where the last one stopped and start over from the file's beginning
 * only when an earlier sample is asked for.
 */
final class CompressedCsvFile implements CsvFile {
    private final Path file;
    private final FileChannel channel;
    private final CsvCodec codec;
    private final long maxMemoryBytes;
    private final byte[] head;
    private final CsvLayout layout;
    private final CsvLineDecoder decoder;
    private long finishedBytes;
    private DecompressingSource current;
    private int nextLine;

    private CompressedCsvFile(Path file, FileChannel channel, CsvCodec codec, long maxMemoryBytes, byte[] head,
                              CsvLayout layout, CsvLineDecoder decoder, long finishedBytes) {
        this.file = file;
        this.channel = channel;
        this.codec = codec;
        this.maxMemoryBytes = maxMemoryBytes;
        this.head = head;
        this.layout = layout;
        this.decoder = decoder;
        this.finishedBytes = finishedBytes;
    }

    /**
     * Decompresses {@code channel} once to check and count its lines (keeping the text when it
     * fits), and returns the open file.
     *
     * @param head the file's first bytes, already read to sniff the codec
     */
    static SampleFile open(Path file, FileChannel channel, CsvCodec codec, ReaderSettings settings, byte[] head,
                           int maxIndexEntries) throws IOException {
        byte[] buffer = new byte[CsvFormatReader.bufferSize(settings, Long.MAX_VALUE)];
        CsvLayout layout;
        long scanned;
        HeldText held;
        try (DecompressingSource text = new DecompressingSource(file, channel, codec, settings.maxValueBytes(), head)) {
            // a first guess at the text's size: DLIO's CSV numbers compress about 4:1
            TextRecorder recorder = TextRecorder.ofUnknownSize(text, Math.min(4 * channel.size(), 1L << 26),
                    settings.fileCacheBytes());
            layout = new CsvStructureScanner(file, settings.elementType(), settings.maxValueBytes())
                    .scan(recorder, buffer, new LineIndex(maxIndexEntries));
            scanned = head.length + text.bytesRead();
            held = recorder.held();
        }
        CsvLineDecoder decoder = new CsvLineDecoder(file, settings.elementType(), layout.valuesPerLine(), buffer);
        if (held != null) {
            channel.close();
            return new PlainCsvFile(file, null, codec, held, layout, decoder, scanned);
        }
        return new CompressedCsvFile(file, channel, codec, settings.maxValueBytes(), head,
                new CsvLayout(layout.lines(), layout.valuesPerLine(), null), decoder, scanned);
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
        try {
            if (current == null || first < nextLine) {
                restart();
            }
            decoder.skipLines(first - nextLine, nextLine + 1L);
            for (int k = first; k < first + count; k++) {
                decoder.decodeLine(k, k + 1L, sink);
            }
            nextLine = first + count;
        } catch (IOException | RuntimeException e) {
            try {
                closeStream(); // position unknown after a failure: the next read starts over
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void restart() throws IOException {
        closeStream();
        current = new DecompressingSource(file, channel, codec, maxMemoryBytes, head);
        decoder.reset(current);
        nextLine = 0;
    }

    private void closeStream() throws IOException {
        if (current != null) {
            finishedBytes += current.bytesRead();
            DecompressingSource s = current;
            current = null;
            s.close();
        }
    }

    @Override
    public long bytesRead() {
        return finishedBytes + (current == null ? 0 : current.bytesRead());
    }

    @Override
    public long retainedBytes() {
        return decoder.bufferBytes();
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
        try {
            closeStream();
        } finally {
            channel.close();
        }
    }
}
