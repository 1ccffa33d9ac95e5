package org.dlioparquet.core.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.spi.SeededContent;

/**
 * A third-party format that exists only in test sources, registered through
 * {@code src/test/resources/META-INF/services}: {@code RAWB}, sample count, sample bytes, then the
 * samples back to back. Proves that generation and reading reach a provider core does not know.
 */
public class RawBinFormatProvider implements FormatProvider {
    public static final FormatType RAWBIN = FormatType.of("rawbin");
    private static final int HEADER = 12;

    @Override
    public FormatType format() {
        return RAWBIN;
    }

    @Override
    public String description() {
        return "raw samples back to back (test provider)";
    }

    @Override
    public String fileExtension(DatasetConfig dataset) {
        return "rawbin";
    }

    @Override
    public void validate(DatasetConfig dataset, ProblemReporter problems) {
        if (dataset.compression() != Compression.NONE) {
            problems.error("dataset.compression", "rawbin supports none, got '" + dataset.compression() + "'");
        }
    }

    @Override
    public FileGenerator newGenerator(DatasetConfig dataset) {
        return (spec, out) -> {
            int sampleBytes = (int) spec.sampleBytes(dataset.recordElementType());
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            header.put("RAWB".getBytes(StandardCharsets.US_ASCII))
                    .putInt(spec.numSamples()).putInt(sampleBytes).flip();
            writeFully(out, header);
            ByteBuffer sample = ByteBuffer.allocate(sampleBytes);
            for (int k = 0; k < spec.numSamples(); k++) {
                sample.clear();
                new SeededContent(spec.sampleSeed(k)).fill(sample, dataset.recordElementType());
                sample.flip();
                writeFully(out, sample);
            }
        };
    }

    private static void writeFully(SeekableByteChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    @Override
    public FormatReader newReader(ReaderSettings settings) {
        return RawBinFile::new;
    }

    private static final class RawBinFile implements SampleFile {
        private final Path path;
        private final FileChannel channel;
        private final int count;
        private final int sampleBytes;
        private final ByteBuffer buffer;
        private long bytesRead;

        RawBinFile(Path path) throws IOException {
            this.path = path;
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            bytesRead += channel.read(header, 0);
            header.flip();
            if (header.remaining() < HEADER || header.get() != 'R' || header.get() != 'A' || header.get() != 'W'
                    || header.get() != 'B') {
                channel.close();
                throw new DataFileException(path, "not a rawbin file (magic RAWB missing)");
            }
            count = header.getInt();
            sampleBytes = header.getInt();
            if (count < 0 || sampleBytes < 0 || HEADER + (long) count * sampleBytes != channel.size()) {
                channel.close();
                throw new DataFileException(path, "header says " + count + " samples of " + sampleBytes
                        + " bytes but the file has " + channel.size() + " bytes");
            }
            buffer = ByteBuffer.allocate(sampleBytes);
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public int sampleCount() {
            return count;
        }

        @Override
        public List<String> columns() {
            return List.of("data");
        }

        @Override
        public void read(int first, int n, SampleSink sink) throws IOException {
            Objects.checkFromIndexSize(first, n, count);
            for (int k = first; k < first + n; k++) {
                buffer.clear();
                long pos = HEADER + (long) k * sampleBytes;
                while (buffer.hasRemaining()) {
                    int r = channel.read(buffer, pos + buffer.position());
                    if (r < 0) {
                        throw new DataFileException(path, "truncated");
                    }
                    bytesRead += r;
                }
                buffer.flip();
                sink.accept(k, 0, buffer.asReadOnlyBuffer());
            }
        }

        @Override
        public long bytesRead() {
            return bytesRead;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
