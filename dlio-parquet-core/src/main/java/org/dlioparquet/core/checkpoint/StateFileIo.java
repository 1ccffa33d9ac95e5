package org.dlioparquet.core.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.spi.ObjectWriter;
import org.dlioparquet.core.spi.WriteMode;
import org.dlioparquet.core.storage.AtomicFiles;
import org.dlioparquet.core.storage.ChunkedFileWriter;
import org.dlioparquet.core.storage.DirectBufferPool;
import org.dlioparquet.core.storage.DurableStorage;
import org.dlioparquet.core.storage.ObjectReaderChannel;
import org.dlioparquet.core.storage.StorageFileSystem;

/**
 * Streams one checkpoint file to storage, or reads one back, in chunks of pooled direct buffers:
 * a 12 GiB optimizer state needs a few chunks of memory, not 12 GiB. A file is written under a
 * hidden temporary name and renamed when complete (after its fsync, when asked), so a save that is
 * killed never leaves a file that looks complete; a load checks each file's size first and reads
 * every byte, comparing it with what was written when asked to verify.
 *
 * <p>With fsync, a plain channel is {@linkplain ChunkedFileWriter#flushingBehind flushed behind} the
 * writes (every {@value #FLUSH_BEHIND} bytes in a run), so that the device writes while the CPU fills
 * and copies, and the final force waits for the last bytes only.
 *
 * <p>On an object store ({@link StorageFileSystem#isStoragePath}) a file is an upload streamed out as
 * it is written (multipart on S3) that appears, whole, when published, so there is no temporary
 * name; a load keeps {@value #OBJECT_READ_AHEAD} bytes of ranged GETs in flight ahead of itself.
 */
final class StateFileIo {
    /** Bytes written between two flushes behind in a run. */
    static final long FLUSH_BEHIND = 64L << 20;
    /** Buffers are aligned to at least a page. */
    static final int PAGE = 4096;
    /** Bytes of an object a load asks for ahead of itself: S3's default 8 parts in flight of 8 MiB. */
    static final long OBJECT_READ_AHEAD = 64L << 20;
    /** Bytes read between two asks, a part: asking per chunk would split the window's last part into slivers. */
    private static final long OBJECT_READ_STEP = 8L << 20;

    private final DurableStorage storage;
    private final DirectBufferPool pool;
    private final Executor fillers;
    private final Executor flushers;
    private final long flushBehind;
    private final int chunk;
    private final int depth;
    private final boolean direct;
    private final boolean fsync;

    /**
     * @param fillers     threads that fill chunks ahead of the writer (and of a verifying reader)
     * @param flushers    threads that flush files behind their writers (blocked on the device, not on the CPU)
     * @param flushBehind bytes written between two flushes behind (with fsync, without O_DIRECT)
     * @param chunk       bytes per write or read: a power of two, at least O_DIRECT's alignment
     * @param depth       chunks filled ahead of the writer
     * @param direct      write and read with O_DIRECT
     * @param fsync       force every file before it is renamed into place
     */
    StateFileIo(DurableStorage storage, DirectBufferPool pool, Executor fillers, Executor flushers, long flushBehind,
                int chunk, int depth, boolean direct, boolean fsync) {
        this.storage = storage;
        this.pool = pool;
        this.fillers = fillers;
        this.flushers = flushers;
        this.flushBehind = flushBehind;
        this.chunk = chunk;
        this.depth = depth;
        this.direct = direct;
        this.fsync = fsync;
    }

    /** Writes {@code file} with {@code size} bytes of {@code content}; returns the bytes written. */
    long write(Path file, long size, FileContent content) throws IOException {
        if (StorageFileSystem.isStoragePath(file)) {
            return writeObject(file, size, content);
        }
        int alignment = direct ? storage.directAlignment(file.getParent()) : 1;
        Path partial = AtomicFiles.partialPath(file);
        Buffers buffers = new Buffers(depth, alignment);
        boolean done = false;
        try {
            try (FileChannel channel = storage.create(partial, direct);
                 ChunkPipeline chunks = new ChunkPipeline(content, size, chunk, buffers.slots, fillers)) {
                ChunkedFileWriter writer = new ChunkedFileWriter(channel, alignment);
                if (fsync && !direct) {
                    writer.flushingBehind(flushers, flushBehind);
                }
                for (long k = 0; k < chunks.chunks(); k++) {
                    writer.write(chunks.get(k));
                    chunks.release(k);
                }
                writer.finish();
                if (fsync) {
                    storage.force(channel, partial);
                }
            }
            storage.publish(partial, file);
            done = true;
            return size;
        } finally {
            if (!done) {
                deleteQuietly(partial);
            }
            buffers.giveBack();
        }
    }

    private long writeObject(Path file, long size, FileContent content) throws IOException {
        Buffers buffers = new Buffers(depth, 1);
        try (ObjectWriter object = StorageFileSystem.createObject(file, WriteMode.SEQUENTIAL);
             ChunkPipeline chunks = new ChunkPipeline(content, size, chunk, buffers.slots, fillers)) {
            for (long k = 0; k < chunks.chunks(); k++) {
                ByteBuffer bytes = chunks.get(k);
                while (bytes.hasRemaining()) {
                    object.write(bytes);
                }
                chunks.release(k);
            }
            object.publish(fsync);
            return size;
        } catch (IOException e) {
            throw AtomicFiles.namingFile(file, e);
        } finally {
            buffers.giveBack();
        }
    }

    /** Forces a folder's entries after its files were renamed into it; an object store has none to force. */
    void forceFolder(Path folder) throws IOException {
        if (!StorageFileSystem.isStoragePath(folder)) {
            storage.forceDirectory(folder);
        }
    }

    /**
     * Reads every byte of {@code file}, which must be {@code size} bytes long; with {@code expected},
     * compares them with it. Returns the bytes read.
     *
     * @throws DataFileException when the file is missing, has another size, or (verifying) other bytes
     */
    long read(Path file, long size, FileContent expected) throws IOException {
        FileChannel channel;
        try {
            channel = storage.openRead(file, direct);
        } catch (NoSuchFileException e) {
            throw missing(file);
        }
        int alignment = direct ? storage.directAlignment(file.getParent()) : 1;
        Buffers buffers = new Buffers(expected == null ? 1 : depth + 1, alignment);
        try (channel) {
            check(file, channel.size(), size);
            ByteBuffer into = buffers.slots[0];
            ByteBuffer[] verifySlots = expected == null ? null : Arrays.copyOfRange(buffers.slots, 1,
                    buffers.slots.length);
            try (ChunkPipeline want = expected == null ? null
                    : new ChunkPipeline(expected, size, chunk, verifySlots, fillers)) {
                long chunks = (size + chunk - 1) / chunk;
                for (long k = 0; k < chunks; k++) {
                    long at = k * chunk;
                    int len = (int) Math.min(chunk, size - at);
                    if (at % OBJECT_READ_STEP == 0 && channel instanceof ObjectReaderChannel object) {
                        object.prefetch(at, Math.min(OBJECT_READ_AHEAD, size - at));
                    }
                    readChunk(file, channel, into, at, len, alignment);
                    if (want != null) {
                        compare(file, into, want.get(k), at);
                        want.release(k);
                    }
                }
            }
            return size;
        } finally {
            buffers.giveBack();
        }
    }

    /** Checks that {@code file} exists with {@code size} bytes, without reading it. */
    void checkReadable(Path file, long size) throws IOException {
        long actual;
        try {
            actual = Files.size(file); // one request on an object store
        } catch (NoSuchFileException e) {
            throw missing(file);
        }
        check(file, actual, size);
    }

    private static DataFileException missing(Path file) {
        return new DataFileException(file, "checkpoint file missing: it was not saved (or was deleted) by a run of this "
                + "workload with this rank count");
    }

    private static void check(Path file, long actual, long size) throws DataFileException {
        if (actual != size) {
            throw new DataFileException(file, "checkpoint file is " + actual + " bytes, the workload's checkpoint has "
                    + size + (actual < size ? " (cut short: a save that did not finish?)" : " (saved by another workload?)"));
        }
    }

    private static void readChunk(Path file, FileChannel channel, ByteBuffer into, long at, int len, int alignment)
            throws IOException {
        // O_DIRECT reads whole blocks straight into the aligned buffer; the file's end cuts the last one short
        into.clear().limit(alignment > 1 ? Math.min(into.capacity(), (len + alignment - 1) & -alignment) : len);
        while (into.position() < len) {
            int n = channel.read(into, at + into.position());
            if (n < 0) {
                throw new DataFileException(file, "checkpoint file ends at byte " + (at + into.position())
                        + ", before its " + (at + len) + " bytes were read");
            }
        }
        into.flip().limit(len);
    }

    private static void compare(Path file, ByteBuffer got, ByteBuffer want, long at) throws DataFileException {
        int differs = got.mismatch(want);
        if (differs >= 0) {
            throw new DataFileException(file, "checkpoint file holds other bytes than were saved, from byte "
                    + (at + differs));
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the failure that got us here is the one to report; a hidden .partial is never loaded
        }
    }

    /** Chunk-sized, aligned direct buffers borrowed from the pool for one file. */
    private final class Buffers {
        final ByteBuffer[] slots;
        private final List<ByteBuffer> taken = new ArrayList<>();

        Buffers(int count, int alignment) {
            // page-aligned even without O_DIRECT: the kernel copies whole pages fastest
            int align = Math.max(alignment, PAGE);
            slots = new ByteBuffer[count];
            for (int i = 0; i < count; i++) {
                ByteBuffer b = pool.take(chunk + align);
                taken.add(b);
                slots[i] = b.alignedSlice(align).limit(chunk).slice();
            }
        }

        void giveBack() {
            taken.forEach(pool::give);
            taken.clear();
        }
    }
}
