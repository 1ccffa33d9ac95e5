package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.dlioparquet.core.spi.ObjectReader;

/** An {@link ObjectReader} that passes every call to another; subclasses change what closing means. */
abstract class ForwardingObjectReader implements ObjectReader {
    protected final ObjectReader object;

    ForwardingObjectReader(ObjectReader object) {
        this.object = object;
    }

    @Override
    public long size() throws IOException {
        return object.size();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return object.read(dst, position);
    }

    @Override
    public void prefetch(long position, long length) throws IOException {
        object.prefetch(position, length);
    }

    @Override
    public long prefetchOpening(long wholeUpTo) throws IOException {
        return object.prefetchOpening(wholeUpTo);
    }

    @Override
    public long bytesFetched() {
        return object.bytesFetched();
    }

    @Override
    public long requests() {
        return object.requests();
    }

    @Override
    public FileChannel asFileChannel() {
        throw new UnsupportedOperationException("read through ObjectReaderChannel");
    }
}
