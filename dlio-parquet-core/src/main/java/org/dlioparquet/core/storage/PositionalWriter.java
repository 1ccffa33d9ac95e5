package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;

/**
 * Writes at a given position of a file, leaving the channel's own position alone, and may be
 * called from several threads at once: {@code FileChannel}'s positional writes, through whatever
 * layers watch them (progress, checksum).
 */
@FunctionalInterface
public interface PositionalWriter {

    /** Writes all of {@code src}'s remaining bytes at {@code position}. */
    void write(ByteBuffer src, long position) throws IOException;

    /** Positional writes to {@code file}, each repeated until all of its bytes are written. */
    static PositionalWriter of(FileChannel file) {
        return (src, position) -> {
            for (long at = position; src.hasRemaining(); ) {
                at += file.write(src, at);
            }
        };
    }

    /**
     * Positional writes to {@code channel}: a file's own, or those a {@link ForwardingChannel}
     * passes on; none for any other channel (an upload, a channel of a test).
     */
    static Optional<PositionalWriter> of(SeekableByteChannel channel) {
        if (channel instanceof ForwardingChannel layer) {
            return layer.positionalWriter();
        }
        if (channel instanceof FileChannel file) {
            return Optional.of(of(file));
        }
        return Optional.empty();
    }
}
