package org.dlioparquet.core.format.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.storage.Closeables;
import org.dlioparquet.core.storage.ReadChannels;

/**
 * Opens CSV files, plain or compressed. The codec is decided by the file's first bytes, not its
 * name: upstream DLIO wrote gzip data under a plain {@code .csv} name. Opening scans the whole
 * text once; a text that fits {@link ReaderSettings#fileCacheBytes} is kept from that scan, so
 * the file is read (and decompressed) exactly once. Holds no state but the settings, so one
 * instance serves every thread.
 */
final class CsvFormatReader implements FormatReader {
    static final List<String> COLUMNS = List.of(SampleFile.DATA_COLUMN);
    /** Smallest read buffer: also the longest single value the decoder accepts. */
    private static final int MIN_BUFFER = 4096;

    private final ReaderSettings settings;
    private final int maxIndexEntries;

    CsvFormatReader(ReaderSettings settings) {
        this(settings, LineIndex.DEFAULT_MAX_ENTRIES);
    }

    /** With a smaller line index, for tests of files with more lines than it holds. */
    CsvFormatReader(ReaderSettings settings, int maxIndexEntries) {
        this.settings = settings;
        this.maxIndexEntries = maxIndexEntries;
    }

    /** The read buffer for a text of {@code size} bytes: the configured size, but no larger than needed. */
    static int bufferSize(ReaderSettings settings, long size) {
        return (int) Math.max(MIN_BUFFER, Math.min(settings.ioBufferBytes(), size));
    }

    @Override
    public SampleFile open(Path file) throws IOException {
        FileChannel channel = ReadChannels.open(file, settings);
        try {
            return open(file, channel);
        } catch (Throwable e) { // Errors too: the channel must not leak
            Closeables.closeAfterFailure(e, channel);
            throw e;
        }
    }

    private SampleFile open(Path file, FileChannel channel) throws IOException {
        CsvCodec named = CsvCodec.byFileName(String.valueOf(file.getFileName()));
        long size = channel.size();
        if (size == 0) {
            throw new DataFileException(file, "empty file (0 bytes): not a valid " + named.extension());
        }
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(CsvCodec.MAGIC_BYTES, size));
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // positional reads until the few magic bytes are in
        }
        CsvCodec codec = CsvCodec.sniff(head.array(), head.position());
        if (codec == CsvCodec.NONE && named != CsvCodec.NONE) {
            throw new DataFileException(file, "the name says " + named.yamlName() + " but the file does not start with "
                    + "its magic bytes " + named.magicHex() + " (found " + CsvCodec.hex(head.array(), head.position())
                    + ")");
        }
        byte[] sniffed = Arrays.copyOf(head.array(), head.position());
        if (codec == CsvCodec.NONE) {
            return PlainCsvFile.open(file, channel, size, settings, sniffed, maxIndexEntries);
        }
        return CompressedCsvFile.open(file, channel, codec, settings, sniffed, maxIndexEntries);
    }
}
