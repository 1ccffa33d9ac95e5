package org.dlioparquet.core.datagen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;
import org.dlioparquet.core.GenerationListener;
import org.dlioparquet.core.storage.ForwardingChannel;
import org.dlioparquet.core.storage.PositionalWriter;

/**
 * Tells the generation's listener of every write as it happens, so progress counts the bytes of
 * files still being written (a 1 GiB file is not "0 MB" until it is renamed). One call per write;
 * writes are whole pages or buffers, not bytes.
 */
final class ProgressChannel extends ForwardingChannel {
    private final GenerationListener listener;

    ProgressChannel(SeekableByteChannel delegate, GenerationListener listener) {
        super(delegate);
        this.listener = listener;
    }

    /** Counts positional writes too, from whichever thread writes. */
    @Override
    public Optional<PositionalWriter> positionalWriter() {
        return delegatePositionalWriter().map(below -> (src, position) -> {
            int n = src.remaining();
            below.write(src, position);
            listener.bytesWritten(n);
        });
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = super.write(src);
        if (n > 0) {
            listener.bytesWritten(n);
        }
        return n;
    }
}
