package org.dlioparquet.core.spi;

import java.util.List;
import java.util.Objects;
import org.dlioparquet.core.ElementType;

/**
 * What a {@link FormatReader} needs to know beyond the file itself.
 *
 * @param elementType    element type for formats that do not record it (CSV text)
 * @param columns        columns to read; empty = the format's default (every column)
 * @param odirect        read with O_DIRECT, bypassing the page cache
 * @param ioBufferBytes  size of the reused read buffer for streamed formats
 * @param maxValueBytes  largest allocation a reader may make for one page, member or value; a
 *                       file that claims more is reported as corrupt instead of exhausting memory
 * @param fileCacheBytes largest file (or member) a reader may hold whole in memory while it is
 *                       open, for formats whose samples are spread over the whole file (NPZ, NPY
 *                       with several samples per file) or that must scan a file to open it (CSV);
 *                       0 = always stream. The runner sets it to the memory one reader thread may
 *                       keep ({@code reader.memory_budget_bytes})
 * @param retainReads    the samples of an open file will be asked for in any order (a shuffled
 *                       sample order): keep the bytes read from storage (up to
 *                       {@code fileCacheBytes} per file) instead of reading them again when an
 *                       earlier part of the file is asked for; {@link SampleFile#retainedBytes}
 *                       counts them
 * @param odirectReadAhead with {@code odirect}, read the next transfer of a file read front to back
 *                       while the last one is decoded (two reads in flight per reader thread)
 * @param skipPayloadCrc  formats whose records carry a checksum of their payload (TFRecord) do not
 *                       check it, as NVIDIA DALI's readers do not ({@code reader.skip_payload_crc})
 * @param sharedFiles    other reader threads read the parts of a file between this thread's runs
 *                       (several reader threads, dealt consecutive batches, as DLIO's): what reads
 *                       ahead stops at the end of the samples asked for
 */
public record ReaderSettings(ElementType elementType, List<String> columns, boolean odirect, int ioBufferBytes,
                             long maxValueBytes, long fileCacheBytes, boolean retainReads,
                             boolean odirectReadAhead, boolean skipPayloadCrc, boolean sharedFiles) {
    public static final int DEFAULT_IO_BUFFER = 1 << 20;
    public static final long DEFAULT_MAX_VALUE_BYTES = 1L << 30;
    public static final long DEFAULT_FILE_CACHE_BYTES = 256L << 20;

    /** Settings with the default file cache. */
    public ReaderSettings(ElementType elementType, List<String> columns, boolean odirect, int ioBufferBytes,
                          long maxValueBytes) {
        this(elementType, columns, odirect, ioBufferBytes, maxValueBytes, DEFAULT_FILE_CACHE_BYTES);
    }

    /** Settings for reading each open file's samples in order (nothing retained beyond the file cache). */
    public ReaderSettings(ElementType elementType, List<String> columns, boolean odirect, int ioBufferBytes,
                          long maxValueBytes, long fileCacheBytes) {
        this(elementType, columns, odirect, ioBufferBytes, maxValueBytes, fileCacheBytes, false);
    }

    /** Settings with one read in flight. */
    public ReaderSettings(ElementType elementType, List<String> columns, boolean odirect, int ioBufferBytes,
                          long maxValueBytes, long fileCacheBytes, boolean retainReads) {
        this(elementType, columns, odirect, ioBufferBytes, maxValueBytes, fileCacheBytes, retainReads, false, false,
                false);
    }

    public ReaderSettings {
        Objects.requireNonNull(elementType, "elementType");
        columns = List.copyOf(columns);
        if (ioBufferBytes <= 0) {
            throw new IllegalArgumentException("ioBufferBytes must be > 0");
        }
        if (maxValueBytes <= 0) {
            throw new IllegalArgumentException("maxValueBytes must be > 0");
        }
        if (fileCacheBytes < 0) {
            throw new IllegalArgumentException("fileCacheBytes must be >= 0");
        }
    }

    public static ReaderSettings defaults() {
        return new ReaderSettings(ElementType.UINT8, List.of(), false, DEFAULT_IO_BUFFER, DEFAULT_MAX_VALUE_BYTES);
    }

    public ReaderSettings withElementType(ElementType type) {
        return new ReaderSettings(type, columns, odirect, ioBufferBytes, maxValueBytes, fileCacheBytes, retainReads,
                odirectReadAhead, skipPayloadCrc, sharedFiles);
    }

    public ReaderSettings withColumns(List<String> projected) {
        return new ReaderSettings(elementType, projected, odirect, ioBufferBytes, maxValueBytes, fileCacheBytes,
                retainReads, odirectReadAhead, skipPayloadCrc, sharedFiles);
    }

    public ReaderSettings withMaxValueBytes(long max) {
        return new ReaderSettings(elementType, columns, odirect, ioBufferBytes, max, fileCacheBytes, retainReads,
                odirectReadAhead, skipPayloadCrc, sharedFiles);
    }

    public ReaderSettings withFileCacheBytes(long bytes) {
        return new ReaderSettings(elementType, columns, odirect, ioBufferBytes, maxValueBytes, bytes, retainReads,
                odirectReadAhead, skipPayloadCrc, sharedFiles);
    }

    public ReaderSettings withOdirectReadAhead(boolean readAhead) {
        return new ReaderSettings(elementType, columns, odirect, ioBufferBytes, maxValueBytes, fileCacheBytes,
                retainReads, readAhead, skipPayloadCrc, sharedFiles);
    }

    public ReaderSettings withRetainReads(boolean retain) {
        return new ReaderSettings(elementType, columns, odirect, ioBufferBytes, maxValueBytes, fileCacheBytes, retain,
                odirectReadAhead, skipPayloadCrc, sharedFiles);
    }

    public ReaderSettings withSharedFiles(boolean shared) {
        return new ReaderSettings(elementType, columns, odirect, ioBufferBytes, maxValueBytes, fileCacheBytes,
                retainReads, odirectReadAhead, skipPayloadCrc, shared);
    }

    public ReaderSettings withSkipPayloadCrc(boolean skip) {
        return new ReaderSettings(elementType, columns, odirect, ioBufferBytes, maxValueBytes, fileCacheBytes,
                retainReads, odirectReadAhead, skip, sharedFiles);
    }
}
