package org.dlioparquet.core.format.npz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.format.npy.ByteRegion;
import org.dlioparquet.core.format.npy.ChannelRegion;
import org.dlioparquet.core.format.npy.MemoryRegion;
import org.dlioparquet.core.format.npy.NpyArrayReader;
import org.dlioparquet.core.format.npy.NpyHeader;
import org.dlioparquet.core.format.npy.ReadCounter;
import org.dlioparquet.core.format.npy.SpareArrays;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.storage.Closeables;
import org.dlioparquet.core.storage.DirectBufferPool;
import org.dlioparquet.core.storage.ReadChannels;

/**
 * An NPZ file as DLIO writes it: a ZIP whose member {@code x.npy} holds the array
 * {@code (*sample_shape, n)}; sample k is {@code x[..., k]}. The member is located through the
 * archive's central directory ({@link PlainZipDirectory} for the plain archives numpy and we write,
 * commons-compress for any other and for listing the members), then read directly: positional reads
 * for a stored member, one forward inflate pass for a deflated one. A small archive (one sample
 * of a unet3d-like dataset) is read whole with one read instead: its directory, headers and data
 * would otherwise cost a system call each, which is what reading such a file is mostly made of.
 */
final class NpzSampleFile implements SampleFile {
    static final String MEMBER = "x.npy";
    static final List<String> COLUMNS = List.of("x");
    /** Archives up to this many I/O buffers are read whole: about what a stored one-sample archive holds anyway. */
    static final int WHOLE_FILE_BUFFERS = 2;

    private final Path path;
    private final FileChannel channel;
    /** Open when the archive was read with commons-compress, else {@code null}. */
    private final ZipFile zip;
    private final ReadCounter counter;
    private final ByteRegion region;
    private final NpyArrayReader array;
    /** The whole file, from {@link #pool}, when it was small enough; else {@code null}. */
    private ByteBuffer whole;
    private final DirectBufferPool pool;

    private NpzSampleFile(Path path, FileChannel channel, ZipFile zip, ReadCounter counter, ByteRegion region,
                          NpyArrayReader array, ByteBuffer whole, DirectBufferPool pool) {
        this.path = path;
        this.channel = channel;
        this.zip = zip;
        this.counter = counter;
        this.region = region;
        this.array = array;
        this.whole = whole;
        this.pool = pool;
    }

    /**
     * Opens the archive for reading samples.
     *
     * @param pool where read buffers come from and go back to on {@link #close}
     * @param inflaters likewise for the inflater of a deflated member
     */
    static NpzSampleFile open(Path path, ReaderSettings settings, DirectBufferPool pool, InflaterPool inflaters)
            throws IOException {
        return open(path, settings, pool, inflaters, SpareArrays.NONE, false);
    }

    /**
     * Likewise, an array kept whole coming from (and going back on {@link #close} to) {@code spares}.
     */
    static NpzSampleFile open(Path path, ReaderSettings settings, DirectBufferPool pool, InflaterPool inflaters,
                              SpareArrays spares) throws IOException {
        return open(path, settings, pool, inflaters, spares, false);
    }

    /** Opens the archive for reading samples and listing its members ({@link #memberSummaries}). */
    static NpzSampleFile openForListing(Path path, ReaderSettings settings) throws IOException {
        return open(path, settings, new DirectBufferPool(0), new InflaterPool(0), SpareArrays.NONE, true);
    }

    private static NpzSampleFile open(Path path, ReaderSettings settings, DirectBufferPool pool,
                                      InflaterPool inflaters, SpareArrays spares, boolean listing) throws IOException {
        FileChannel channel = ReadChannels.open(path, settings);
        ZipFile zip = null;
        ByteRegion region = null;
        NpyArrayReader array = null;
        ByteBuffer whole = null;
        try {
            long size = channel.size();
            if (size == 0) {
                throw new DataFileException(path, "empty file (0 bytes), not a valid npz archive");
            }
            ReadCounter counter = new ReadCounter();
            if (!listing && size <= (long) WHOLE_FILE_BUFFERS * settings.ioBufferBytes()) {
                whole = pool.take((int) size);
                readWhole(path, channel, whole.limit((int) size), counter);
            }
            ZipMember member = listing ? null : whole != null ? PlainZipDirectory.find(whole, MEMBER)
                    : PlainZipDirectory.find(channel, size, MEMBER, counter);
            if (member == null) {
                zip = openZip(path, channel, size, counter);
                ZipArchiveEntry entry = zip.getEntry(MEMBER);
                if (entry == null) {
                    throw new DataFileException(path, "key 'x' not found (members: " + memberNames(zip) + ")");
                }
                member = ZipMember.of(entry);
            }
            region = memberRegion(path, channel, whole, size, member, counter, settings, pool, inflaters);
            array = NpyArrayReader.open(region, settings, pool, spares, path, MEMBER + ": ");
            return new NpzSampleFile(path, channel, zip, counter, region, array, whole, pool);
        } catch (Throwable e) { // Errors too: the channel must not leak
            Closeables.closeAfterFailure(e, array, region instanceof InflatedRegion inflated ? inflated : null, zip,
                    channel);
            if (whole != null) {
                pool.give(whole);
            }
            throw e;
        }
    }

    /** Fills {@code into} (0 to its limit, the file's size) with the file: one read unless the system splits it. */
    private static void readWhole(Path path, FileChannel channel, ByteBuffer into, ReadCounter counter)
            throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into, into.position());
            if (n < 0) {
                throw new DataFileException(path, "file ends at byte " + into.position() + " but its size was "
                        + into.limit() + " bytes when opened (truncated while reading?)");
            }
            counter.add(n);
        }
        into.flip();
    }

    private static ZipFile openZip(Path path, FileChannel channel, long size, ReadCounter counter) throws IOException {
        try {
            return ZipFile.builder().setSeekableByteChannel(new CountingChannel(channel, counter)).get();
        } catch (IOException | RuntimeException e) {
            String why = ZipDiagnosis.diagnose(channel, size, counter);
            throw new DataFileException(path, why != null ? why : "corrupt zip archive: " + rootMessage(e), e);
        }
    }

    /** The member's bytes: read from the file through {@code channel}, or shown from {@code whole} when not null. */
    private static ByteRegion memberRegion(Path path, FileChannel channel, ByteBuffer whole, long fileSize,
                                           ZipMember member, ReadCounter counter, ReaderSettings settings,
                                           DirectBufferPool pool, InflaterPool inflaters) throws DataFileException {
        String what = MEMBER + ": ";
        if (member.encrypted()) {
            throw new DataFileException(path, what + "member is encrypted");
        }
        long dataOffset = member.dataOffset();
        long compressed = member.compressedSize();
        long size = member.size();
        if (dataOffset < 0 || compressed < 0 || size < 0) {
            throw new DataFileException(path, what + "zip directory lacks the member's offset or sizes");
        }
        if (compressed > fileSize - dataOffset) { // not dataOffset + compressed: ZIP64 sizes can make it wrap
            throw new DataFileException(path, what + "member data of " + compressed + " bytes at byte " + dataOffset
                    + " runs past the end of the file (" + fileSize + " bytes)");
        }
        int method = member.method();
        if (method == ZipMethod.STORED.getCode()) {
            if (compressed != size) {
                throw new DataFileException(path, what + "stored member has compressed size " + compressed
                        + " but size " + size);
            }
            ChannelRegion stored = new ChannelRegion(channel, dataOffset, size, counter, path, what);
            return whole != null ? new MemoryRegion(inMemory(whole, dataOffset, size), stored) : stored;
        }
        if (method == ZipMethod.DEFLATED.getCode()) {
            return whole != null
                    ? new InflatedRegion(inMemory(whole, dataOffset, compressed), size, member.crc(), path, what, pool,
                    inflaters)
                    : new InflatedRegion(channel, dataOffset, compressed, size, member.crc(), counter, path, what,
                    settings.ioBufferBytes(), pool, inflaters);
        }
        throw new DataFileException(path, what + "zip compression method " + method
                + " is not supported (supported: 0 stored, 8 deflated)");
    }

    /** {@code length} bytes at {@code offset} of a file read whole (checked to lie within it). */
    private static ByteBuffer inMemory(ByteBuffer whole, long offset, long length) {
        return whole.slice((int) offset, (int) length);
    }

    private static String memberNames(ZipFile zip) {
        List<String> names = new ArrayList<>();
        for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
            names.add(e.getName());
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m; // DataFileException makes it one line
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public int sampleCount() {
        return array.sampleCount();
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    /**
     * After the first read of a stored member read whole, the file's buffer goes back to the pool,
     * to serve the next file while it is still in the cache (a reader thread keeps its last files
     * open): that read delivered a one-sample file's sample, or loaded the array a file of several
     * keeps; anything read later is read from the file again.
     */
    @Override
    public void read(int first, int count, SampleSink sink) throws IOException {
        array.read(first, count, sink, 0);
        if (whole != null && region instanceof MemoryRegion memory) {
            memory.release();
            pool.give(whole);
            whole = null;
        }
    }

    @Override
    public long bytesRead() {
        return counter.bytes();
    }

    @Override
    public long retainedBytes() {
        return array.retainedBytes() + (region instanceof InflatedRegion inflated ? inflated.bufferBytes() : 0)
                + (whole == null ? 0 : whole.capacity());
    }

    /** {@code name: stored|deflated, <compressed> / <size> bytes} for every member, in file order. */
    List<String> memberSummaries() {
        if (zip == null) {
            throw new IllegalStateException("opened for reading samples only; use openForListing");
        }
        List<String> out = new ArrayList<>();
        for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
            String method = e.getMethod() == ZipMethod.STORED.getCode() ? "stored"
                    : e.getMethod() == ZipMethod.DEFLATED.getCode() ? "deflated" : "method " + e.getMethod();
            out.add(e.getName() + ": " + method + ", " + e.getCompressedSize() + " / " + e.getSize() + " bytes");
        }
        return out;
    }

    /** The parsed header of {@code x.npy}, for inspection and tests. */
    NpyHeader header() {
        return array.header();
    }

    @Override
    public void close() throws IOException {
        try (channel; zip; array) {
            if (region instanceof InflatedRegion inflated) {
                inflated.close();
            }
        } finally {
            if (whole != null) {
                pool.give(whole); // after the array: nothing reads it any more
                whole = null;
            }
        }
    }
}
