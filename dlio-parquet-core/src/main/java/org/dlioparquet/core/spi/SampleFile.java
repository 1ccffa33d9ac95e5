package org.dlioparquet.core.spi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One open data file. Not thread-safe: each reader thread opens its own. Keeps whatever it needs
 * between calls (file handle, footer, the last decoded row group), so reading the samples of one
 * file in order costs one pass over the bytes.
 */
public interface SampleFile extends Closeable {
    /** The column of a sample that is one value (every format but a Parquet column schema). */
    String DATA_COLUMN = "data";

    Path path();

    /** Samples (rows) in the file. */
    int sampleCount();

    /** Names of the columns a sample is made of, in the order of the sink's column index. */
    List<String> columns();

    /**
     * Decodes samples {@code first .. first+count-1} into {@code sink}.
     *
     * @throws IndexOutOfBoundsException when the range is not within {@code [0, sampleCount())}
     * @throws org.dlioparquet.core.DataFileException when the file is corrupt or truncated
     */
    void read(int first, int count, SampleSink sink) throws IOException;

    /** Decodes sample {@code k}. */
    default void read(int k, SampleSink sink) throws IOException {
        read(k, 1, sink);
    }

    /** Bytes read from storage through this handle so far (footers and headers included). */
    long bytesRead();

    /**
     * Bytes of memory this open file holds between reads: a whole array kept transposed, the text
     * of a CSV file, the bytes kept for {@link ReaderSettings#retainReads}, a decoded row group,
     * read buffers. With {@code read_type: memory} the runner keeps every file a reader thread
     * opened until the epoch ends, as DLIO does, within {@code reader.memory_budget_bytes} by this
     * figure: a format that holds data between reads must count it here. The default, 0, is for
     * formats that hold nothing but a file handle.
     */
    default long retainedBytes() {
        return 0;
    }
}
