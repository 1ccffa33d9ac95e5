package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.LongAdder;

/**
 * A local file's channel that counts the bytes and calls of every read, so that a local object
 * reports what it fetched like a remote one does. Everything else passes straight through. The
 * counts are adders: reader threads that have one object open at once share its reader.
 */
final class CountingFileChannel extends ForwardingFileChannel {
    private final LongAdder bytes = new LongAdder();
    private final LongAdder reads = new LongAdder();

    CountingFileChannel(FileChannel file) {
        super(file);
    }

    long bytes() {
        return bytes.sum();
    }

    long reads() {
        return reads.sum();
    }

    private int counted(int n) {
        counted((long) n);
        return n;
    }

    private long counted(long n) {
        reads.increment();
        if (n > 0) {
            bytes.add(n);
        }
        return n;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return counted(file.read(dst, position));
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return counted(file.read(dst));
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return counted(file.read(dsts, offset, length));
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return counted(file.transferTo(position, count, target));
    }
}
