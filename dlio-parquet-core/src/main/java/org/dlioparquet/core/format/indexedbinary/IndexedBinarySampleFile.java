package org.dlioparquet.core.format.indexedbinary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.format.npy.ReadCounter;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * An open indexed-binary file: sample k is {@code size[k]} bytes at {@code offset[k]} of the data
 * file. With positional reads, consecutive samples asked for together share reads of up to the
 * I/O buffer and a larger sample arrives in buffer-sized pieces; through a memory map the pieces
 * are views of the map, and the bytes counted are those handed out plus 16 index bytes per sample
 * (what the kernel reads ahead is not visible).
 */
final class IndexedBinarySampleFile implements SampleFile {
    static final List<String> COLUMNS = List.of("data");

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final SampleIndex index;
    private final ReadCounter counter;
    private final MappedFile mapped;
    private final ReaderSettings settings;
    private final DirectBufferPool buffers;
    private ByteBuffer window;
    private long windowStart = -1;
    private int windowLength;

    IndexedBinarySampleFile(Path path, FileChannel channel, long size, SampleIndex index, ReadCounter counter,
                            boolean mmap, ReaderSettings settings, DirectBufferPool buffers) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.index = index;
        this.counter = counter;
        this.mapped = mmap ? new MappedFile(channel, size) : null;
        this.settings = settings;
        this.buffers = buffers;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public int sampleCount() {
        return index.count();
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public void read(int first, int count, SampleSink sink) throws IOException {
        if (first < 0 || count < 0 || (long) first + count > index.count()) {
            throw new IndexOutOfBoundsException("samples " + first + ".." + ((long) first + count - 1)
                    + " of a file with " + index.count());
        }
        for (int k = first; k < first + count; k++) {
            long offset = index.offset(k);
            long length = index.size(k);
            if (offset < 0 || length < 0 || offset > size - length) {
                throw new DataFileException(path, "sample " + k + ": " + index.offsetsFile().getFileName()
                        + " places " + Long.toUnsignedString(length) + " bytes at byte " + Long.toUnsignedString(offset)
                        + ", outside the data file's " + size + " bytes");
            }
            if (mapped != null) {
                deliverMapped(k, offset, length, sink);
            } else {
                deliverRead(k, offset, length, first + count, sink);
            }
        }
    }

    private void deliverMapped(int k, long offset, long length, SampleSink sink) throws IOException {
        if (length == 0) {
            sink.accept(k, 0, ByteBuffer.allocate(0));
            return;
        }
        for (long done = 0; done < length; ) {
            ByteBuffer view = mapped.at(offset + done);
            int n = (int) Math.min(view.remaining(), length - done);
            view.limit(view.position() + n);
            sink.accept(k, 0, view);
            counter.add(n);
            done += n;
        }
    }

    private void deliverRead(int k, long offset, long length, int end, SampleSink sink) throws IOException {
        int capacity = settings.ioBufferBytes();
        if (window == null) {
            window = buffers.take(capacity);
        }
        if (length > capacity) { // streamed in pieces through the buffer
            for (long done = 0; done < length; ) {
                int n = (int) Math.min(capacity, length - done);
                fill(offset + done, n, k);
                sink.accept(k, 0, window.duplicate().position(0).limit(n));
                done += n;
            }
            windowStart = -1;
            return;
        }
        if (windowStart < 0 || offset < windowStart || offset + length > windowStart + windowLength) {
            long span = length;
            for (int j = k + 1; j < end; j++) { // the next samples asked for, while they follow on and fit
                long o = index.offset(j);
                long l = index.size(j);
                if (o != offset + span || l < 0 || span + l > capacity || o > size - l) {
                    break;
                }
                span += l;
            }
            fill(offset, (int) span, k);
            windowStart = offset;
            windowLength = (int) span;
        }
        int at = (int) (offset - windowStart);
        sink.accept(k, 0, window.duplicate().position(at).limit(at + (int) length));
    }

    private void fill(long offset, int n, int k) throws IOException {
        windowStart = -1;
        window.clear().limit(n);
        while (window.hasRemaining()) {
            int r = channel.read(window, offset + window.position());
            if (r < 0) {
                throw new DataFileException(path, "file ends at byte " + (offset + window.position())
                        + " inside sample " + k + " (truncated while reading?)");
            }
            counter.add(r);
        }
    }

    @Override
    public long bytesRead() {
        return counter.bytes();
    }

    @Override
    public void close() throws IOException {
        try (channel; index) {
            if (window != null) {
                buffers.give(window);
                window = null;
            }
        }
    }
}
