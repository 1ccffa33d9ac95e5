package org.example.tinybin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.spi.SeededContent;

/** tinybin: an int with the sample size, then the samples back to back. */
public final class TinyBinProvider implements FormatProvider {
    @Override
    public FormatType format() {
        return FormatType.of("tinybin");
    }

    @Override
    public String fileExtension(DatasetConfig dataset) {
        return "tinybin";
    }

    @Override
    public FileGenerator newGenerator(DatasetConfig dataset) {
        return (spec, out) -> {
            int size = (int) spec.sampleBytes(dataset.recordElementType());
            out.write(ByteBuffer.allocate(4).putInt(0, size));
            byte[] sample = new byte[size];
            for (int k = 0; k < spec.numSamples(); k++) {
                new SeededContent(spec.sampleSeed(k)).fill(sample, 0, size, dataset.recordElementType());
                ByteBuffer b = ByteBuffer.wrap(sample);
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
        };
    }

    @Override
    public FormatReader newReader(ReaderSettings settings) {
        return path -> {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
            ByteBuffer head = ByteBuffer.allocate(4);
            ch.read(head, 0);
            int size = head.getInt(0);
            if (size <= 0 || (ch.size() - 4) % size != 0) {
                ch.close();
                throw new DataFileException(path, "not a tinybin file");
            }
            int count = (int) ((ch.size() - 4) / size);
            return new SampleFile() {
                long read = 4;

                public Path path() { return path; }
                public int sampleCount() { return count; }
                public List<String> columns() { return List.of("data"); }
                public long bytesRead() { return read; }
                public void close() throws IOException { ch.close(); }

                public void read(int first, int n, SampleSink sink) throws IOException {
                    ByteBuffer b = ByteBuffer.allocate(size);
                    for (int k = first; k < first + n; k++) {
                        b.clear();
                        read += ch.read(b, 4 + (long) k * size);
                        b.flip();
                        sink.accept(k, 0, b);
                    }
                }
            };
        };
    }
}
