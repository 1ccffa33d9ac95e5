package org.dlioparquet.core.format.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.spi.SampleSink;

/**
 * Decodes lines of CSV text from a {@link ByteSource} into samples, through one reused input
 * buffer and one reused output buffer: a line of any length needs fixed memory, and a sample
 * reaches the sink in pieces of at most the output buffer's size.
 */
final class CsvLineDecoder {
    /** Output piece size: a multiple of 8 so no element is ever split between pieces. */
    private static final int MAX_PIECE = 64 * 1024;

    private final Path file;
    private final CsvValueParser parser;
    private final int valuesPerLine;
    private final int elementSize;
    private final byte[] in;
    private final byte[] out;
    private final ByteBuffer piece;
    private ByteSource source;
    private int pos;
    private int limit;
    private boolean eof;
    private int outLength;

    CsvLineDecoder(Path file, ElementType type, int valuesPerLine, byte[] inputBuffer) {
        this.file = file;
        this.parser = CsvValueParser.forType(type);
        this.valuesPerLine = valuesPerLine;
        this.elementSize = type.size();
        this.in = inputBuffer;
        long sampleBytes = (long) valuesPerLine * type.size();
        this.out = new byte[(int) Math.min(MAX_PIECE, (sampleBytes + 7) & ~7L)];
        this.piece = ByteBuffer.wrap(out);
    }

    /** Bytes of memory the input and output buffers take. */
    long bufferBytes() {
        return (long) in.length + out.length;
    }

    /** Starts over on {@code text}, positioned at the start of a line. */
    void reset(ByteSource text) {
        this.source = text;
        this.pos = 0;
        this.limit = 0;
        this.eof = false;
    }

    /** Skips {@code count} lines, the first of which is line {@code lineNumber} (1-based). */
    void skipLines(long count, long lineNumber) throws IOException {
        for (long k = 0; k < count; k++) {
            int i = pos;
            while (true) {
                while (i < limit && in[i] != '\n') {
                    i++;
                }
                if (i < limit) {
                    pos = i + 1;
                    break;
                }
                pos = limit;
                if (!fill()) {
                    throw endedEarly(lineNumber + k);
                }
                i = pos;
            }
        }
    }

    /** Decodes line {@code lineNumber} (1-based) as sample {@code sample} into {@code sink}. */
    void decodeLine(int sample, long lineNumber, SampleSink sink) throws IOException {
        outLength = 0;
        int column = 1; // of the next value
        while (true) {
            if (outLength > out.length - 8) {
                flush(sample, sink);
            }
            int maxValues = Math.min((out.length - outLength) / elementSize, valuesPerLine - column + 1);
            if (maxValues > 0) {
                long run = parser.parseRun(in, pos, limit, out, outLength, maxValues);
                int count = (int) run;
                if (count > 0) {
                    pos = (int) (run >>> 32);
                    outLength += count * elementSize;
                    column += count;
                    if (in[pos - 1] == '\n') {
                        endLine(sample, lineNumber, column - 1, sink);
                        return;
                    }
                    continue;
                }
            }
            if (decodeOne(lineNumber, column)) {
                endLine(sample, lineNumber, column, sink);
                return;
            }
            column++;
        }
    }

    /**
     * Decodes one value the general way: reads more text when the value is cut by the buffer's
     * end, and reports what is wrong with it.
     *
     * @return true when the value ends its line
     */
    private boolean decodeOne(long lineNumber, int column) throws IOException {
        int end;
        try {
            end = findDelimiter();
        } catch (ValueFormatException e) {
            throw valueError(lineNumber, column, e);
        }
        int start = pos;
        boolean endOfText = end == limit;
        boolean endOfLine = endOfText || in[end] == '\n';
        if (endOfText && column == 1 && start == end) {
            throw endedEarly(lineNumber);
        }
        if (column > valuesPerLine) {
            throw new DataFileException(file, "line " + lineNumber + " has more than " + valuesPerLine
                    + " values, the count found when the file was opened (changed while being read?)");
        }
        int valueEnd = end;
        if (endOfLine && valueEnd > start && in[valueEnd - 1] == '\r') {
            valueEnd--;
        }
        try {
            outLength += parser.parse(in, start, valueEnd, out, outLength);
        } catch (ValueFormatException e) {
            throw valueError(lineNumber, column, e);
        }
        pos = endOfText ? end : end + 1;
        return endOfLine;
    }

    private void endLine(int sample, long lineNumber, int values, SampleSink sink) throws DataFileException {
        if (values != valuesPerLine) {
            throw new DataFileException(file, "line " + lineNumber + " has " + values + " values, expected "
                    + valuesPerLine + " (changed while being read?)");
        }
        flush(sample, sink);
    }

    /** Index of the next {@code ,} or {@code \n} at or after {@code pos}, or {@code limit} at the end of the text. */
    private int findDelimiter() throws IOException, ValueFormatException {
        int i = pos;
        while (true) {
            byte[] b = in;
            for (int end = limit; i < end; i++) {
                byte c = b[i];
                if (c == ',' || c == '\n') {
                    return i;
                }
            }
            if (pos == 0 && limit == in.length) {
                throw new ValueFormatException("value longer than the read buffer of " + in.length + " bytes");
            }
            int shift = pos;
            if (!fill()) {
                return limit;
            }
            i -= shift;
        }
    }

    /**
     * Moves the unread bytes to the front and reads more after them.
     *
     * @return false at the end of the text
     */
    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(in, pos, in, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (eof) {
            return false;
        }
        int n = source.read(in, limit, in.length - limit);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    private void flush(int sample, SampleSink sink) {
        if (outLength > 0) {
            piece.clear().limit(outLength);
            sink.accept(sample, 0, piece);
            outLength = 0;
        }
    }

    private DataFileException valueError(long lineNumber, int column, ValueFormatException e) {
        return new DataFileException(file, "line " + lineNumber + ", column " + column + ": " + e.getMessage());
    }

    private DataFileException endedEarly(long lineNumber) {
        return new DataFileException(file, "the text ends before line " + lineNumber
                + ", which was there when the file was opened (changed while being read?)");
    }
}
