package org.dlioparquet.core.format.parquet;

import org.dlioparquet.core.format.parquet.codec.PageSizeLimit;

/**
 * The page size limit of the column chunk being decoded: a page cannot be larger than its chunk's
 * total uncompressed size, nor than the reader's {@code maxValueBytes}. Retargeted before each
 * chunk is decoded (pages are decompressed lazily, while their column is read); the caller names
 * the column in the error.
 */
final class ChunkPageLimit implements PageSizeLimit {
    private final long maxValueBytes;
    private long chunkUncompressed = Long.MAX_VALUE;

    ChunkPageLimit(long maxValueBytes) {
        this.maxValueBytes = maxValueBytes;
    }

    void target(long chunkUncompressed) {
        this.chunkUncompressed = chunkUncompressed;
    }

    @Override
    public void check(int uncompressedSize) throws CorruptDataException {
        if (uncompressedSize < 0) {
            throw new CorruptDataException("a page declares a negative uncompressed size ("
                    + uncompressedSize + ")");
        }
        if (uncompressedSize > chunkUncompressed) {
            throw new CorruptDataException("a page declares " + uncompressedSize
                    + " uncompressed bytes, more than its column chunk's total of " + chunkUncompressed);
        }
        if (uncompressedSize > maxValueBytes) {
            throw new CorruptDataException("a page declares " + uncompressedSize
                    + " uncompressed bytes, more than the reader's limit of " + maxValueBytes + " (maxValueBytes)");
        }
    }
}
