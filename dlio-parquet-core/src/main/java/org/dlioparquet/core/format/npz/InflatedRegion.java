package org.dlioparquet.core.format.npz;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.format.npy.ByteRegion;
import org.dlioparquet.core.format.npy.ReadCounter;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * A deflated ZIP member seen as its uncompressed bytes. Deflate can only be decoded forwards, so
 * the region remembers how far it got: reads at increasing positions cost one pass over the
 * member, a read behind the current position starts again from the member's first byte. One
 * {@link Inflater} and one direct buffer (compressed input, and room to decode skipped bytes
 * into), borrowed from the reader's pools, serve the whole life of the open file; the compressed
 * bytes come from the file, or from memory when the file was small enough to read whole. Decoding always
 * starts at the member's first byte, so whenever it reaches the last one the ZIP CRC-32 is
 * checked: a deflate stream can be damaged and still decode.
 */
final class InflatedRegion implements ByteRegion, Closeable {
    private static final int MAX_INPUT_BUFFER = 256 << 10;
    /** Skipped bytes are decoded into this much scratch space per step, never into the caller's buffer. */
    private static final int SKIP_BYTES = 64 << 10;
    /** What raw inflate may want past the end of the data; only ever read. */
    private static final byte[] PADDING = new byte[1];

    /** {@code null} when the compressed bytes are in {@link #memory}. */
    private final FileChannel channel;
    /** The compressed member, when the file was read whole; else {@code null}. */
    private final ByteBuffer memory;
    private final long offset;
    private final long compressedLength;
    private final long length;
    private final long expectedCrc;
    private final ReadCounter counter;
    private final Path file;
    private final String what;
    private final CRC32 crc = new CRC32();
    private final DirectBufferPool pool;
    private final InflaterPool inflaters;
    private Inflater inflater;
    /** Taken from {@link #pool}; {@link #input} and {@link #skipped} are its two parts. */
    private ByteBuffer buffer;
    private final ByteBuffer input;
    private final ByteBuffer skipped;
    private long consumed;
    private long produced;
    private boolean paddingFed;

    /**
     * @param expectedCrc the member's CRC-32 from the central directory
     */
    InflatedRegion(FileChannel channel, long offset, long compressedLength, long length, long expectedCrc,
                   ReadCounter counter, Path file, String what, int ioBufferBytes, DirectBufferPool pool,
                   InflaterPool inflaters) {
        this(channel, null, offset, compressedLength, length, expectedCrc, counter, file, what,
                (int) Math.max(1, Math.min(Math.min(ioBufferBytes, MAX_INPUT_BUFFER), compressedLength)), pool,
                inflaters);
    }

    /**
     * The member whose compressed bytes are {@code compressed} (position to limit), in a file read
     * whole: no input buffer, no reads.
     */
    InflatedRegion(ByteBuffer compressed, long length, long expectedCrc, Path file, String what, DirectBufferPool pool,
                   InflaterPool inflaters) {
        this(null, compressed.slice(), 0, compressed.remaining(), length, expectedCrc, new ReadCounter(), file, what, 0,
                pool, inflaters);
    }

    private InflatedRegion(FileChannel channel, ByteBuffer memory, long offset, long compressedLength, long length,
                           long expectedCrc, ReadCounter counter, Path file, String what, int inputBytes,
                           DirectBufferPool pool, InflaterPool inflaters) {
        this.channel = channel;
        this.memory = memory;
        this.offset = offset;
        this.compressedLength = compressedLength;
        this.length = length;
        this.expectedCrc = expectedCrc;
        this.counter = counter;
        this.file = file;
        this.what = what;
        this.pool = pool;
        this.inflaters = inflaters;
        this.buffer = pool.take(inputBytes + SKIP_BYTES);
        int inputEnd = buffer.capacity() - SKIP_BYTES; // input gets whatever more the pool gave
        this.input = buffer.duplicate().limit(inputEnd).slice();
        this.skipped = buffer.duplicate().position(inputEnd).slice();
        this.inflater = inflaters.take();
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public boolean streamsForward() {
        return true;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        if (position < produced) {
            restart();
        }
        int want = (int) Math.min(dst.remaining(), Math.max(0, length - position));
        if (want == 0) {
            return 0;
        }
        while (produced < position) {
            skipped.clear().limit((int) Math.min(skipped.capacity(), position - produced));
            inflateSome(skipped);
        }
        ByteBuffer out = dst.duplicate();
        int base = dst.position();
        out.limit(base + want);
        while (out.hasRemaining()) {
            inflateSome(out);
        }
        dst.position(base + want);
        return want;
    }

    /** Decodes at least one byte into {@code out} (advancing its position), feeding input as needed. */
    private void inflateSome(ByteBuffer out) throws IOException {
        while (true) {
            int from = out.position();
            int n;
            try {
                n = inflater.inflate(out);
            } catch (DataFormatException e) {
                throw new DataFileException(file, what + "corrupt deflate data after " + produced
                        + " decoded bytes: " + e.getMessage(), e);
            }
            if (n > 0) {
                crc.update(out.duplicate().limit(from + n).position(from));
                produced += n;
                if (produced == length && crc.getValue() != expectedCrc) {
                    throw new DataFileException(file, what + String.format(
                            "CRC-32 mismatch: decoded data gives %08x, the zip entry says %08x (corrupt member)",
                            crc.getValue(), expectedCrc));
                }
                return;
            }
            if (inflater.finished()) {
                throw new DataFileException(file, what + "deflate stream ends after " + produced
                        + " bytes but the zip entry says " + length);
            }
            if (inflater.needsDictionary()) {
                throw new DataFileException(file, what + "corrupt deflate data: stream asks for a preset dictionary");
            }
            if (inflater.needsInput()) {
                feed();
            }
        }
    }

    private void feed() throws IOException {
        if (consumed == compressedLength) {
            if (!paddingFed) {
                // raw inflate may want one byte past the end to close the stream, as ZipFile also supplies
                paddingFed = true;
                inflater.setInput(PADDING);
                return;
            }
            throw new DataFileException(file, what + "compressed data (" + compressedLength
                    + " bytes) ends after " + produced + " of " + length + " decoded bytes");
        }
        if (memory != null) {
            consumed = compressedLength;
            inflater.setInput(memory.duplicate());
            return;
        }
        input.clear().limit((int) Math.min(input.capacity(), compressedLength - consumed));
        while (input.hasRemaining()) {
            int n = channel.read(input, offset + consumed + input.position());
            if (n < 0) {
                throw new DataFileException(file, what + "file ends at byte "
                        + (offset + consumed + input.position()) + " inside the compressed member, which should end at byte "
                        + (offset + compressedLength));
            }
            counter.add(n);
        }
        consumed += input.position();
        inflater.setInput(input.flip());
    }

    private void restart() {
        inflater.reset();
        crc.reset();
        consumed = 0;
        produced = 0;
        paddingFed = false;
    }

    /** Bytes of the borrowed buffer (compressed input and scratch space). */
    long bufferBytes() {
        return buffer == null ? 0 : buffer.capacity();
    }

    @Override
    public void close() {
        if (inflater != null) {
            inflaters.give(inflater);
            inflater = null;
        }
        if (buffer != null) {
            pool.give(buffer);
            buffer = null;
        }
    }
}
