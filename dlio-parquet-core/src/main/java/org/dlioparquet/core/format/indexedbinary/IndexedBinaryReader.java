package org.dlioparquet.core.format.indexedbinary;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.format.npy.ReadCounter;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.storage.Closeables;
import org.dlioparquet.core.storage.DirectBufferPool;
import org.dlioparquet.core.storage.ReadChannels;

/** Opens indexed-binary files with positional reads ({@code indexed_binary}) or memory maps ({@code mmap_indexed_binary}). */
final class IndexedBinaryReader implements FormatReader {
    /** Read buffers kept between files: about one per reader thread. */
    private static final int SPARE_BUFFERS = 16;

    private final ReaderSettings settings;
    private final boolean mmap;
    private final DirectBufferPool buffers = new DirectBufferPool(SPARE_BUFFERS);

    IndexedBinaryReader(ReaderSettings settings, boolean mmap) {
        this.settings = settings;
        this.mmap = mmap;
    }

    @Override
    public SampleFile open(Path file) throws IOException {
        // a map reads through the page cache whatever the open flags, so O_DIRECT applies to positional reads only
        FileChannel channel = mmap ? ReadChannels.open(file, false) : ReadChannels.open(file, settings);
        SampleIndex index = null;
        try {
            long size = channel.size();
            ReadCounter counter = new ReadCounter();
            index = mmap ? MappedIndex.open(file, counter) : BlockIndex.open(file, counter);
            if (size == 0 && index.count() > 0) {
                throw new DataFileException(file, "empty file (0 bytes) but its index lists " + index.count()
                        + " samples");
            }
            return new IndexedBinarySampleFile(file, channel, size, index, counter, mmap, settings, buffers);
        } catch (Throwable e) { // Errors too: the channels must not leak
            Closeables.closeAfterFailure(e, index, channel);
            throw e;
        }
    }
}
