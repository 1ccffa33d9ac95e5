package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.dlioparquet.core.spi.ObjectReader;
import org.dlioparquet.core.spi.ObjectWriter;

/**
 * A local file being written under its temporary name ({@link AtomicFiles#partialPath}) and
 * renamed into place on publish, as {@link AtomicFiles} does; discarded when closed unpublished.
 */
final class LocalObjectWriter extends ForwardingChannel implements ObjectWriter {
    private final SeekableByteChannel channel;
    private final Path partial;
    private final Path target;
    private boolean published;
    private boolean closed;

    private LocalObjectWriter(SeekableByteChannel channel, Path partial, Path target) {
        super(channel);
        this.channel = channel;
        this.partial = partial;
        this.target = target;
    }

    static LocalObjectWriter create(WriteStorage storage, Path target) throws IOException {
        Path partial = AtomicFiles.partialPath(target);
        return new LocalObjectWriter(storage.create(partial), partial, target);
    }

    @Override
    public long publish(boolean durable) throws IOException {
        if (durable && channel instanceof FileChannel fc) {
            fc.force(true);
        }
        long size = channel.size();
        channel.close();
        AtomicFiles.moveIntoPlace(partial, target);
        published = true;
        return size;
    }

    @Override
    public ObjectReader readBack() throws IOException {
        return new LocalObjectReader(FileChannel.open(partial, StandardOpenOption.READ));
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (published) {
            return;
        }
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
