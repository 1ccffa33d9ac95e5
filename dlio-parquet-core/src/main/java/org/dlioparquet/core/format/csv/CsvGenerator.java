package org.dlioparquet.core.format.csv;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.SeededContent;
import org.dlioparquet.core.storage.NonClosingChannel;

/**
 * Writes a CSV file as pandas' {@code DataFrame.to_csv(index=False, header=False)} does: one
 * sample per line in C order, {@code ,} between values, {@code \n} after every line including
 * the last. Unlike DLIO, whose rows of a file are all copies of one record, every line holds its
 * own seeded sample, so the file means the same as the other formats' files of the same spec.
 */
final class CsvGenerator implements FileGenerator {
    /** Sample bytes drawn per step: a multiple of 8, as {@link SeededContent#fill} needs to stay chunking-independent. */
    static final int RAW_CHUNK = 16 * 1024;
    /** Text collected before it is handed to the channel or compressor. */
    private static final int TEXT_FLUSH = 256 * 1024;
    private static final int COMPRESSOR_BUFFER = 64 * 1024;

    private final ElementType type;
    private final CsvCodec codec;
    private final int level;

    CsvGenerator(ElementType type, CsvCodec codec, int level) {
        this.type = type;
        this.codec = codec;
        this.level = level;
    }

    @Override
    public void write(FileSpec spec, SeekableByteChannel out) throws IOException {
        OutputStream channel = Channels.newOutputStream(new NonClosingChannel(out));
        OutputStream sink = codec == CsvCodec.NONE ? channel
                : codec.compress(new BufferedOutputStream(channel, COMPRESSOR_BUFFER), level);
        try (sink) {
            new LineWriter(sink).writeSamples(spec);
        }
    }

    /** Buffers of one file; formats chunk by chunk so a sample of any size needs fixed memory. */
    private final class LineWriter {
        private final OutputStream out;
        private final CsvValueFormatter formatter = new CsvValueFormatter(type);
        private final byte[] raw = new byte[RAW_CHUNK];
        private final byte[] text;
        private int length;

        LineWriter(OutputStream out) {
            this.out = out;
            this.text = new byte[TEXT_FLUSH + maxTextOfChunk()];
        }

        private int maxTextOfChunk() {
            return RAW_CHUNK / type.size() * CsvValueFormatter.maxCharsPerValue(type) + 1;
        }

        void writeSamples(FileSpec spec) throws IOException {
            long sampleBytes = spec.sampleBytes(type);
            for (int k = 0; k < spec.numSamples(); k++) {
                writeSample(new SeededContent(spec.sampleSeed(k)), sampleBytes);
            }
            flush();
        }

        private void writeSample(SeededContent content, long sampleBytes) throws IOException {
            for (long left = sampleBytes; left > 0; ) {
                int n = (int) Math.min(left, RAW_CHUNK);
                content.fill(raw, 0, n, type);
                if (length > TEXT_FLUSH) {
                    flush();
                }
                length = formatter.format(raw, n, text, length);
                left -= n;
            }
            if (sampleBytes > 0) {
                text[length - 1] = '\n'; // the last value's comma ends the line
            } else {
                if (length > TEXT_FLUSH) {
                    flush();
                }
                text[length++] = '\n';
            }
        }

        private void flush() throws IOException {
            out.write(text, 0, length);
            length = 0;
        }
    }
}
