package org.dlioparquet.core.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dlioparquet.core.storage.ForwardingFileChannel;

/**
 * A file's channel that records every {@link #force}: the file's size when it was called and
 * whether metadata was asked for; a force can be made to fail. Everything else passes straight through.
 */
public final class ForceRecordingChannel extends ForwardingFileChannel {
    /** One force: the file's size then, and its {@code metaData} argument. */
    public record Force(long size, boolean metaData) {
    }

    private final List<Force> forces = Collections.synchronizedList(new ArrayList<>());
    private volatile IOException failure;

    public ForceRecordingChannel(FileChannel file) {
        super(file);
    }

    /** Every force so far, in order. */
    public List<Force> forces() {
        synchronized (forces) {
            return List.copyOf(forces);
        }
    }

    /** Makes every later force throw {@code e} (after recording it). */
    public void failForcesWith(IOException e) {
        failure = e;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        forces.add(new Force(file.size(), metaData));
        if (failure != null) {
            throw failure;
        }
        file.force(metaData);
    }
}
