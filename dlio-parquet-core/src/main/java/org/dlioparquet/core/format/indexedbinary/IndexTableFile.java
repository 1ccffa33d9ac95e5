package org.dlioparquet.core.format.indexedbinary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import org.dlioparquet.core.spi.CompanionFile;

/**
 * One of the two tables DLIO writes beside an indexed-binary data file, one little-endian uint64
 * per sample: {@code <file>.off.idx} holds each sample's offset in the data file, {@code <file>.sz.idx}
 * its size. Offsets are absolute: DLIO restarts them at 0 after every 2 GiB generation buffer
 * ({@code generation_buffer_size}), which misplaces every sample past the first buffer; not here.
 */
final class IndexTableFile implements CompanionFile {
    static final String OFFSETS = ".off.idx";
    static final String SIZES = ".sz.idx";
    private static final int BLOCK_ENTRIES = 8192;

    private final String relativePath;
    private final long samples;
    private final long sampleBytes;
    private final boolean offsets;

    private IndexTableFile(String relativePath, long samples, long sampleBytes, boolean offsets) {
        this.relativePath = relativePath;
        this.samples = samples;
        this.sampleBytes = sampleBytes;
        this.offsets = offsets;
    }

    static IndexTableFile offsets(String dataPath, long samples, long sampleBytes) {
        return new IndexTableFile(dataPath + OFFSETS, samples, sampleBytes, true);
    }

    static IndexTableFile sizes(String dataPath, long samples, long sampleBytes) {
        return new IndexTableFile(dataPath + SIZES, samples, sampleBytes, false);
    }

    static Path offsetsOf(Path data) {
        return data.resolveSibling(data.getFileName() + OFFSETS);
    }

    static Path sizesOf(Path data) {
        return data.resolveSibling(data.getFileName() + SIZES);
    }

    @Override
    public String relativePath() {
        return relativePath;
    }

    @Override
    public long size() {
        return 8 * samples;
    }

    @Override
    public void write(WritableByteChannel out) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(8 * (int) Math.min(BLOCK_ENTRIES, Math.max(1, samples)))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (long k = 0; k < samples; ) {
            block.clear();
            for (; k < samples && block.hasRemaining(); k++) {
                block.putLong(offsets ? k * sampleBytes : sampleBytes);
            }
            block.flip();
            while (block.hasRemaining()) {
                out.write(block);
            }
        }
    }
}
