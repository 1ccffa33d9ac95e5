package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.dlioparquet.core.spi.ObjectReader;
import org.dlioparquet.core.spi.ObjectWriter;

/**
 * A remote object written where seeking back is needed: the bytes go to a local temporary file
 * (the spool), which {@link #upload} sends to the back-end on publish. The spool is deleted
 * whether or not the object was published.
 */
public abstract class SpooledObjectWriter extends ForwardingChannel implements ObjectWriter {
    private final FileChannel spool;
    private final Path spoolFile;
    private boolean closed;

    /** Spools in the JVM's temporary folder ({@code java.io.tmpdir}). */
    protected SpooledObjectWriter(String nameHint) throws IOException {
        this(Path.of(System.getProperty("java.io.tmpdir")), nameHint);
    }

    protected SpooledObjectWriter(Path spoolFolder, String nameHint) throws IOException {
        this(open(spoolFolder, nameHint));
    }

    private SpooledObjectWriter(Spool s) {
        super(s.channel);
        this.spool = s.channel;
        this.spoolFile = s.file;
    }

    private record Spool(Path file, FileChannel channel) {
    }

    private static Spool open(Path folder, String nameHint) throws IOException {
        Files.createDirectories(folder);
        String safe = nameHint.replaceAll("[^A-Za-z0-9._-]", "_");
        Path file = Files.createTempFile(folder, "dlio-spool-", "-" + (safe.length() > 60 ? safe.substring(safe.length() - 60)
                : safe));
        try {
            return new Spool(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Sends the complete spool ({@code size} bytes) to the back-end under the object's name. */
    protected abstract void upload(FileChannel content, long size, boolean durable) throws IOException;

    @Override
    public final long publish(boolean durable) throws IOException {
        long size = spool.size();
        try {
            upload(spool, size, durable);
        } finally {
            close();
        }
        return size;
    }

    @Override
    public ObjectReader readBack() throws IOException {
        return new LocalObjectReader(FileChannel.open(spoolFile, StandardOpenOption.READ));
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            spool.close();
        } finally {
            Files.deleteIfExists(spoolFile);
        }
    }
}
