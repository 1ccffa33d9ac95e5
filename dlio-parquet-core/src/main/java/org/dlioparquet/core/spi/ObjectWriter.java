package org.dlioparquet.core.spi;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/**
 * An object being written, invisible under its name until {@link #publish}. Closing without
 * publishing (a failure, an interrupted generator) discards everything written: the temporary
 * file is deleted, the multipart upload aborted. A {@link WriteMode#SEQUENTIAL} writer refuses to
 * seek anywhere but its end.
 */
public interface ObjectWriter extends SeekableByteChannel {
    /**
     * Makes the object visible under its name, whole: a rename on a file system, the completed
     * upload on an object store.
     *
     * @param durable force the bytes to the device first (file systems; object stores are durable
     *                once the upload completes)
     * @return the object's size in bytes
     */
    long publish(boolean durable) throws IOException;

    /**
     * The complete content written so far, for a check before {@link #publish} (a checksum of a
     * file whose writer seeked back). Back-ends that streamed the bytes away
     * ({@link WriteMode#SEQUENTIAL} on an object store) cannot, and throw.
     *
     * @throws UnsupportedOperationException when the bytes are no longer held
     */
    ObjectReader readBack() throws IOException;
}
