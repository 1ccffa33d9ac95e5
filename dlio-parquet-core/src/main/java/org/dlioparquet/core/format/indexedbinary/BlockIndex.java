package org.dlioparquet.core.format.indexedbinary;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.format.npy.ReadCounter;
import org.dlioparquet.core.storage.Closeables;

/**
 * The two tables read with positional reads, a block of entries at a time: consecutive samples
 * cost one read per {@value #BLOCK_ENTRIES} samples, and a table of hundreds of millions of
 * samples (Megatron's) is never held whole.
 */
final class BlockIndex implements SampleIndex {
    private static final int BLOCK_ENTRIES = 512;

    private final Table offsets;
    private final Table sizes;
    private final int count;

    private BlockIndex(Table offsets, Table sizes, int count) {
        this.offsets = offsets;
        this.sizes = sizes;
        this.count = count;
    }

    /** Opens both tables of {@code data}; they must exist and list the same number of samples. */
    static BlockIndex open(Path data, ReadCounter counter) throws IOException {
        Table off = null;
        Table sz = null;
        try {
            off = Table.open(data, IndexTableFile.offsetsOf(data), counter);
            sz = Table.open(data, IndexTableFile.sizesOf(data), counter);
            if (off.entries != sz.entries) {
                throw new DataFileException(data, "its offset index lists " + off.entries + " samples but its size "
                        + "index " + sz.entries);
            }
            return new BlockIndex(off, sz, (int) off.entries);
        } catch (Throwable e) {
            Closeables.closeAfterFailure(e, off, sz);
            throw e;
        }
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public long offset(int sample) throws IOException {
        return offsets.get(sample);
    }

    @Override
    public long size(int sample) throws IOException {
        return sizes.get(sample);
    }

    @Override
    public Path offsetsFile() {
        return offsets.file;
    }

    @Override
    public void close() throws IOException {
        try (offsets; sizes) {
            // both closed
        }
    }

    /** One uint64 table with the block of entries last read. */
    private static final class Table implements Closeable {
        private final Path file;
        private final FileChannel channel;
        private final long entries;
        private final ReadCounter counter;
        private final ByteBuffer block = ByteBuffer.allocate(8 * BLOCK_ENTRIES).order(ByteOrder.LITTLE_ENDIAN);
        private long first = -1;
        private int loaded;

        private Table(Path file, FileChannel channel, long entries, ReadCounter counter) {
            this.file = file;
            this.channel = channel;
            this.entries = entries;
            this.counter = counter;
        }

        static Table open(Path data, Path file, ReadCounter counter) throws IOException {
            FileChannel ch;
            try {
                ch = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                throw new DataFileException(data, "its index " + file.getFileName() + " is missing (an indexed "
                        + "binary file needs <file>.off.idx and <file>.sz.idx beside it)");
            }
            try {
                long size = ch.size();
                if (size % 8 != 0) {
                    throw new DataFileException(file, size + " bytes is not a whole number of uint64 entries "
                            + "(truncated index?)");
                }
                if (size / 8 > Integer.MAX_VALUE) {
                    throw new DataFileException(file, "lists " + size / 8 + " samples, more than 2^31-1");
                }
                return new Table(file, ch, size / 8, counter);
            } catch (Throwable e) {
                Closeables.closeAfterFailure(e, ch);
                throw e;
            }
        }

        long get(int k) throws IOException {
            if (first < 0 || k < first || k >= first + loaded) {
                load(k);
            }
            return block.getLong(8 * (int) (k - first));
        }

        private void load(int k) throws IOException {
            long start = (long) k / BLOCK_ENTRIES * BLOCK_ENTRIES;
            int n = (int) Math.min(BLOCK_ENTRIES, entries - start);
            block.clear().limit(8 * n);
            first = -1;
            while (block.hasRemaining()) {
                int r = channel.read(block, 8 * start + block.position());
                if (r < 0) {
                    throw new DataFileException(file, "ends at byte " + (8 * start + block.position())
                            + " while entry " + k + " was read (truncated while reading?)");
                }
                counter.add(r);
            }
            first = start;
            loaded = n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
