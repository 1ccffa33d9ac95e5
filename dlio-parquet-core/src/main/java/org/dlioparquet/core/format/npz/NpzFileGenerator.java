package org.dlioparquet.core.format.npz;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.format.npy.NpyHeader;
import org.dlioparquet.core.format.npy.SampleArrayWriter;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.storage.NonClosingChannel;

/**
 * DLIO's NPZ file, {@code np.savez(file, x=records, y=[0]*n)}: ZIP members {@code x.npy} (the
 * samples, last axis) and {@code y.npy} (int64 zero labels), stored, or deflated as by
 * {@code np.savez_compressed}. ZIP64 is used only when a member needs it.
 */
final class NpzFileGenerator implements FileGenerator {
    private static final int LABEL_CHUNK = 64 << 10;
    /**
     * The time numpy (through Python's ZipInfo default) gives every member. Set as a local
     * wall-clock time, which is what a ZIP stores: going through epoch millis makes
     * commons-compress add extended-timestamp fields in most time zones, and bytes would differ.
     */
    private static final LocalDateTime NUMPY_MEMBER_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private final ElementType type;
    private final int method;
    private final int level;

    /**
     * @param method {@link ZipArchiveEntry#STORED} or {@link ZipArchiveEntry#DEFLATED}
     * @param level  deflate level 0..9 (unused when stored)
     */
    NpzFileGenerator(ElementType type, int method, int level) {
        this.type = type;
        this.method = method;
        this.level = level;
    }

    /**
     * Files up to this size are built in memory and written with one call: commons-compress writes a
     * ZIP in small pieces and seeks back to patch sizes (about 90 system calls per file), which
     * made a dataset of 64 KiB files a syscall benchmark.
     */
    static final long IN_MEMORY_BYTES = 8L << 20;

    private final ThreadLocal<MemoryChannel> buffers = ThreadLocal.withInitial(MemoryChannel::new);

    /** A file too large to build in memory is zipped straight into the output, which patches local headers. */
    @Override
    public boolean seeksBack(FileSpec spec) {
        return spec.sampleBytes(type) * spec.numSamples() > IN_MEMORY_BYTES;
    }

    @Override
    public void write(FileSpec spec, SeekableByteChannel out) throws IOException {
        if (seeksBack(spec)) {
            writeZip(spec, new NonClosingChannel(out));
            return;
        }
        // one buffer per writer thread, emptied for each file: it grows to the largest file once
        MemoryChannel memory = buffers.get();
        memory.clear();
        if (method == ZipArchiveEntry.STORED) {
            StoredNpzWriter zip = new StoredNpzWriter(memory);
            zip.member("x.npy", o -> SampleArrayWriter.writeNpy(spec, type, o));
            zip.member("y.npy", o -> writeLabels(spec.numSamples(), o));
            zip.finish();
        } else {
            writeZip(spec, new NonClosingChannel(memory));
        }
        ByteBuffer bytes = memory.contents();
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    /**
     * Writes the archive through commons-compress: files too large to build in memory, deflated
     * members, and (in tests) the reference {@link StoredNpzWriter}'s bytes must equal.
     */
    void writeZip(FileSpec spec, SeekableByteChannel target) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(target)) {
            zip.setUseZip64(Zip64Mode.AsNeeded);
            zip.setUseLanguageEncodingFlag(false); // ASCII names; numpy sets no UTF-8 flag either
            zip.setMethod(method);
            if (method == ZipArchiveEntry.DEFLATED) {
                zip.setLevel(level);
            }
            zip.putArchiveEntry(member("x.npy"));
            SampleArrayWriter.writeNpy(spec, type, zip);
            zip.closeArchiveEntry();

            zip.putArchiveEntry(member("y.npy"));
            writeLabels(spec.numSamples(), zip);
            zip.closeArchiveEntry();
            zip.finish();
        }
    }

    private ZipArchiveEntry member(String name) {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setMethod(method);
        entry.setTimeLocal(NUMPY_MEMBER_TIME);
        return entry;
    }


    /** {@code y}: one int64 zero label per sample, as numpy stores {@code [0]*n}. */
    private static void writeLabels(int n, OutputStream zip) throws IOException {
        zip.write(NpyHeader.encode(ElementType.INT64, List.of((long) n)));
        byte[] zeros = new byte[(int) Math.min(LABEL_CHUNK, 8L * n)];
        for (long left = 8L * n; left > 0; ) {
            int len = (int) Math.min(zeros.length, left);
            zip.write(zeros, 0, len);
            left -= len;
        }
    }
}
