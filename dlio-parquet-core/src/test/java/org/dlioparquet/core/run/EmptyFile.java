package org.dlioparquet.core.run;

import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;

/** A file of {@code sampleCount} samples whose reads deliver nothing and read no byte. */
class EmptyFile implements SampleFile {
    private final Path path;
    private final int sampleCount;

    EmptyFile(Path path, int sampleCount) {
        this.path = path;
        this.sampleCount = sampleCount;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public int sampleCount() {
        return sampleCount;
    }

    @Override
    public List<String> columns() {
        return List.of("data");
    }

    @Override
    public void read(int first, int count, SampleSink sink) {
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    public void close() {
    }
}
