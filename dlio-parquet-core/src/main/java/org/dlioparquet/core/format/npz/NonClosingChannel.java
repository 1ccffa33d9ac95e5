package org.dlioparquet.core.format.npz;

import java.nio.channels.SeekableByteChannel;
import org.dlioparquet.core.storage.ForwardingChannel;

/** Lets a ZipArchiveOutputStream be closed (to free its Deflater) without closing the caller's channel. */
final class NonClosingChannel extends ForwardingChannel {

    NonClosingChannel(SeekableByteChannel out) {
        super(out);
    }

    @Override
    public void close() {
        // the caller owns the channel
    }
}
