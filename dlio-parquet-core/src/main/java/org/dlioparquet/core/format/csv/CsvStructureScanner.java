package org.dlioparquet.core.format.csv;

import java.io.IOException;
import java.nio.file.Path;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.ElementType;

/**
 * The one pass over a CSV file on open: counts lines and the values of each (every line must
 * have as many as the first), finds empty, over-long and truncated lines, and for uncompressed
 * files records where each line starts. Values themselves are checked when a sample is read.
 */
final class CsvStructureScanner {
    private final Path file;
    private final ElementType type;
    private final long maxValueBytes;

    private long lineNumber = 1;
    private long expectedValues = -1;

    CsvStructureScanner(Path file, ElementType type, long maxValueBytes) {
        this.file = file;
        this.type = type;
        this.maxValueBytes = maxValueBytes;
    }

    /**
     * Reads {@code source} to its end through {@code buffer}.
     *
     * @param index where to record line starts, or {@code null} not to
     */
    CsvLayout scan(ByteSource source, byte[] buffer, LineIndex index) throws IOException {
        long chunkStart = 0; // text offset of buffer[0]
        long lineStart = 0;
        long commas = 0;
        byte lastByte = 0;
        if (index != null) {
            index.lineStart(0);
        }
        int n;
        while ((n = source.read(buffer, 0, buffer.length)) > 0) {
            for (int i = 0; i < n; i++) {
                byte c = buffer[i];
                commas += c == ',' ? 1 : 0; // branch-free: commas come every few bytes, irregularly
                if (c == '\n') {
                    long lineEnd = chunkStart + i;
                    byte before = i > 0 ? buffer[i - 1] : lastByte;
                    endLine(lineEnd - lineStart - (before == '\r' ? 1 : 0), commas, true);
                    commas = 0;
                    lineStart = lineEnd + 1;
                    if (index != null) {
                        index.lineStart(lineStart);
                    }
                }
            }
            lastByte = buffer[n - 1];
            chunkStart += n;
            checkLength(chunkStart - lineStart);
        }
        if (chunkStart > lineStart) {
            // a last line without a line end: fine when complete, the sign of a cut file when short
            endLine(chunkStart - lineStart - (lastByte == '\r' ? 1 : 0), commas, false);
        }
        long lines = lineNumber - 1;
        if (lines == 0) {
            throw new DataFileException(file, "no lines: the file holds no CSV text");
        }
        if (index != null) {
            index.finish(lines, chunkStart);
        }
        return new CsvLayout((int) lines, (int) expectedValues, index);
    }

    private void endLine(long length, long commas, boolean terminated) throws DataFileException {
        checkLength(length);
        if (length == 0) {
            throw new DataFileException(file, "line " + lineNumber + " is empty"
                    + (expectedValues > 0 ? ", expected " + expectedValues + " values" : ""));
        }
        long values = commas + 1;
        if (expectedValues < 0) {
            checkSampleSize(values);
            expectedValues = values;
        } else if (values != expectedValues) {
            throw new DataFileException(file, "line " + lineNumber + " has " + values + " values, expected "
                    + expectedValues + (terminated ? "" : " (the last line has no line end: the file looks truncated)"));
        }
        if (lineNumber == Integer.MAX_VALUE) {
            throw new DataFileException(file, "more than " + (Integer.MAX_VALUE - 1) + " lines");
        }
        lineNumber++;
    }

    private void checkLength(long length) throws DataFileException {
        if (length > maxValueBytes) {
            throw new DataFileException(file, "line " + lineNumber + " is longer than " + maxValueBytes
                    + " bytes, the largest value this reader accepts (maxValueBytes)");
        }
    }

    /** A line's decoded sample must fit the same limit as the text, and an int count for the sink. */
    private void checkSampleSize(long values) throws DataFileException {
        long bytes = values * type.size();
        if (bytes > maxValueBytes || values > Integer.MAX_VALUE - 8) {
            throw new DataFileException(file, "line 1 has " + values + " values: a sample of " + bytes + " bytes of "
                    + type + " exceeds the limit of " + maxValueBytes + " bytes (maxValueBytes)");
        }
    }
}
