package org.dlioparquet.core.format.tfrecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.format.npy.ReadCounter;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * An open TFRecord file. Reads records by offset: one sample costs one positional read of its
 * record; consecutive samples asked for together are read with one read of up to the I/O buffer,
 * into a buffer that goes back to the reader's pool when the call returns.
 * Every record's length, length CRC and payload CRC are checked before its image is delivered, as
 * TensorFlow's reader checks them; with {@code reader.skip_payload_crc} the payload CRC is not, as
 * NVIDIA DALI's reader checks no CRC (the length and its CRC still are: they cost 12 bytes).
 */
final class TfRecordSampleFile implements SampleFile {
    static final List<String> COLUMNS = List.of(ExampleCodec.IMAGE);

    private final Path path;
    private final FileChannel channel;
    private final ReadCounter counter;
    private final RecordTable table;
    private final ReaderSettings settings;
    private final DirectBufferPool buffers;
    private final CRC32C crc = new CRC32C();
    private final ExampleCodec.ImageFinder images = new ExampleCodec.ImageFinder();
    private ByteBuffer window;
    private ByteBuffer view;
    /** File offset of {@code window}'s first byte; -1 when nothing is loaded. */
    private long windowStart = -1;
    private int windowLength;

    /** @param buffers where the read buffer comes from and goes back to on {@link #close} */
    TfRecordSampleFile(Path path, FileChannel channel, ReadCounter counter, RecordTable table,
                       ReaderSettings settings, DirectBufferPool buffers) {
        this.path = path;
        this.channel = channel;
        this.counter = counter;
        this.table = table;
        this.settings = settings;
        this.buffers = buffers;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public int sampleCount() {
        return table.count();
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    RecordTable table() {
        return table;
    }

    @Override
    public void read(int first, int count, SampleSink sink) throws IOException {
        if (first < 0 || count < 0 || (long) first + count > table.count()) {
            throw new IndexOutOfBoundsException("samples " + first + ".." + ((long) first + count - 1)
                    + " of a file with " + table.count());
        }
        int end = first + count;
        try {
            for (int i = first; i < end; i++) {
                int at = load(i, end);
                ExampleCodec.Image image = verify(i, at);
                view.limit(image.offset() + image.length()).position(image.offset());
                sink.accept(i, 0, view);
            }
        } finally {
            // a window holds only the records of one call: back to the pool for the thread's next file
            releaseWindow();
        }
    }

    private void releaseWindow() {
        if (window != null) {
            buffers.give(window);
            window = null;
            view = null;
            windowStart = -1;
        }
    }

    /** Makes record {@code i} available in the window, reading it and the next records before {@code end}. */
    private int load(int i, int end) throws IOException {
        long offset = table.offset(i);
        long length = table.length(i);
        if (windowStart >= 0 && offset >= windowStart && offset + length <= windowStart + windowLength) {
            return (int) (offset - windowStart);
        }
        if (length - TfRecordFraming.OVERHEAD > settings.maxValueBytes()) {
            throw new DataFileException(path, "record " + i + " at byte " + offset + " holds " + length
                    + " bytes, more than the reader's limit of " + settings.maxValueBytes() + " for one value");
        }
        if (window == null || window.capacity() < length) {
            // the records asked for, up to the I/O buffer: one sample alone reads only its record
            long wanted = length;
            for (int j = i + 1; j < end && wanted < settings.ioBufferBytes(); j++) {
                wanted += table.length(j);
            }
            if (window != null) {
                buffers.give(window);
            }
            window = buffers.take((int) Math.max(length, Math.min(wanted, settings.ioBufferBytes())));
            view = window.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        }
        long span = length;
        for (int j = i + 1; j < end && table.offset(j) == offset + span && span + table.length(j) <= window.capacity();
             j++) {
            span += table.length(j);
        }
        window.clear().limit((int) span);
        windowStart = -1;
        while (window.hasRemaining()) {
            int n = channel.read(window, offset + window.position());
            if (n < 0) {
                throw new DataFileException(path, "file ends at byte " + (offset + window.position())
                        + " inside record " + i + " (truncated while reading?)");
            }
            counter.add(n);
        }
        windowStart = offset;
        windowLength = (int) span;
        return 0;
    }

    private ExampleCodec.Image verify(int i, int at) throws DataFileException {
        long length = table.length(i);
        long payload = window.getLong(at);
        String where = "record " + i + " at byte " + table.offset(i) + ": ";
        if (payload != length - TfRecordFraming.OVERHEAD) {
            throw new DataFileException(path, where + "length field says " + payload + " payload bytes, the "
                    + (table.index() != null ? "index " + table.index().getFileName() : "framing") + " says "
                    + (length - TfRecordFraming.OVERHEAD));
        }
        if (window.getInt(at + 8) != masked(at, 8)) {
            throw new DataFileException(path, where + "length field CRC mismatch (corrupt header)");
        }
        int start = at + TfRecordFraming.HEADER;
        int stop = (int) (start + payload);
        if (!settings.skipPayloadCrc() && window.getInt(stop) != masked(start, (int) payload)) {
            throw new DataFileException(path, where + "payload CRC mismatch (corrupt data)");
        }
        view.limit(stop).position(start);
        try {
            return images.find(view);
        } catch (ExampleCodec.MalformedRecordException e) {
            throw new DataFileException(path, where + "not a tf.train.Example of DLIO's features: " + e.getMessage());
        }
    }

    private int masked(int from, int length) {
        crc.reset();
        view.limit(from + length).position(from);
        crc.update(view);
        return TfRecordFraming.mask((int) crc.getValue());
    }

    @Override
    public long bytesRead() {
        return counter.bytes();
    }

    @Override
    public long retainedBytes() {
        return table.memoryBytes();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            releaseWindow();
        }
    }
}
