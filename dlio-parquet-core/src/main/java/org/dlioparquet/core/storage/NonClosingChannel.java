package org.dlioparquet.core.storage;

import java.nio.channels.SeekableByteChannel;

/**
 * A generator's view of the caller's channel: closing the stream or archive writer on top (to
 * flush it and free a Deflater) leaves the channel open, since the caller owns it.
 */
public final class NonClosingChannel extends ForwardingChannel {

    public NonClosingChannel(SeekableByteChannel out) {
        super(out);
    }

    @Override
    public void close() {
        // the caller owns the channel
    }
}
