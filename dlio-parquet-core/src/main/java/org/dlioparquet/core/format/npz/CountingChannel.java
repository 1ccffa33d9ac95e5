package org.dlioparquet.core.format.npz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.dlioparquet.core.format.npy.ReadCounter;
import org.dlioparquet.core.storage.FileView;

/**
 * The view of a file that {@link org.apache.commons.compress.archivers.zip.ZipFile} parses the
 * directory through: counts every byte read, and leaves closing the file to its owner (ZipFile
 * closes its channel when it fails, and the failure is then diagnosed on the same file).
 */
final class CountingChannel extends FileView {
    private final ReadCounter counter;

    CountingChannel(FileChannel file, ReadCounter counter) {
        super(file);
        this.counter = counter;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = file.read(dst, position());
        if (n > 0) {
            position(position() + n);
            counter.add(n);
        }
        return n;
    }
}
