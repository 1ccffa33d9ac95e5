package org.dlioparquet.core.format.npy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FileSpec;

/** DLIO's {@code npy} format: {@code np.save(file, records)}, one bare array per file. */
final class NpyFileGenerator implements FileGenerator {
    private final ElementType type;

    NpyFileGenerator(ElementType type) {
        this.type = type;
    }

    @Override
    public void write(FileSpec spec, SeekableByteChannel out) throws IOException {
        // not closed: the channel belongs to the caller
        OutputStream stream = Channels.newOutputStream(out);
        SampleArrayWriter.writeNpy(spec, type, stream);
    }
}
