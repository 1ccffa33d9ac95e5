package org.dlioparquet.core.format.tfrecord;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.format.npy.ReadCounter;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.storage.Closeables;
import org.dlioparquet.core.storage.DirectBufferPool;
import org.dlioparquet.core.storage.ReadChannels;

/**
 * Opens TFRecord files. The record table of a file (from its index, or from walking its frames) is
 * kept for the next open of the same file, as DALI reads an index once per pipeline: with
 * {@code read_type: on_demand} a file is opened once per sample, and only the first open pays for
 * the table. A file of another size is a new key. Thread-safe.
 */
final class TfRecordReader implements FormatReader {
    private static final int CACHED_TABLES = 4096;
    /** Read buffers kept between files: about one per reader thread. */
    private static final int SPARE_BUFFERS = 16;

    private record Key(Path file, long size) {
    }

    private final ReaderSettings settings;
    private final DirectBufferPool buffers = new DirectBufferPool(SPARE_BUFFERS);
    private final Map<Key, RecordTable> tables = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, RecordTable> eldest) {
            return size() > CACHED_TABLES;
        }
    };

    TfRecordReader(ReaderSettings settings) {
        this.settings = settings;
    }

    @Override
    public SampleFile open(Path file) throws IOException {
        FileChannel channel = ReadChannels.open(file, settings);
        try {
            long size = channel.size();
            if (size == 0) {
                throw new DataFileException(file, "empty file (0 bytes), not a TFRecord file");
            }
            ReadCounter counter = new ReadCounter();
            Key key = new Key(file.toAbsolutePath(), size);
            RecordTable table;
            synchronized (tables) {
                table = tables.get(key);
            }
            if (table == null) {
                table = table(file, channel, size, counter);
                synchronized (tables) {
                    tables.put(key, table);
                }
            }
            return new TfRecordSampleFile(file, channel, counter, table, settings, buffers);
        } catch (Throwable e) { // Errors too: the channel must not leak
            Closeables.closeAfterFailure(e, channel);
            throw e;
        }
    }

    /** Every epoch reads its indexes again, as it reads its data (DLIO reopens every file). */
    @Override
    public void endEpoch() {
        synchronized (tables) {
            tables.clear();
        }
    }

    private RecordTable table(Path file, FileChannel channel, long size, ReadCounter counter) throws IOException {
        Path index = DaliIndex.locate(file);
        if (index != null && Files.isRegularFile(index)) {
            return RecordTable.fromIndex(index, file, size, settings.maxValueBytes(), counter);
        }
        return RecordTable.scan(file, channel, size, counter);
    }
}
