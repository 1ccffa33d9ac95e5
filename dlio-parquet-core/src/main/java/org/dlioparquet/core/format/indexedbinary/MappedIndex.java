package org.dlioparquet.core.format.indexedbinary;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.format.npy.ReadCounter;
import org.dlioparquet.core.storage.Closeables;

/** The two tables memory-mapped, as DLIO's {@code indexed_binary_mmap_reader} maps them (np.memmap). */
final class MappedIndex implements SampleIndex {
    private final Path offsetsFile;
    private final FileChannel offChannel;
    private final FileChannel szChannel;
    private final MappedFile offsets;
    private final MappedFile sizes;
    private final int count;
    private final ReadCounter counter;

    private MappedIndex(Path offsetsFile, FileChannel offChannel, FileChannel szChannel, int count,
                        ReadCounter counter) throws IOException {
        this.offsetsFile = offsetsFile;
        this.offChannel = offChannel;
        this.szChannel = szChannel;
        this.offsets = new MappedFile(offChannel, offChannel.size());
        this.sizes = new MappedFile(szChannel, szChannel.size());
        this.count = count;
        this.counter = counter;
    }

    static MappedIndex open(Path data, ReadCounter counter) throws IOException {
        FileChannel off = null;
        FileChannel sz = null;
        try {
            off = openTable(data, IndexTableFile.offsetsOf(data));
            sz = openTable(data, IndexTableFile.sizesOf(data));
            long offSize = off.size();
            long szSize = sz.size();
            if (offSize % 8 != 0 || szSize % 8 != 0) {
                Path bad = offSize % 8 != 0 ? IndexTableFile.offsetsOf(data) : IndexTableFile.sizesOf(data);
                throw new DataFileException(bad, (offSize % 8 != 0 ? offSize : szSize) + " bytes is not a whole "
                        + "number of uint64 entries (truncated index?)");
            }
            if (offSize != szSize) {
                throw new DataFileException(data, "its offset index lists " + offSize / 8 + " samples but its size "
                        + "index " + szSize / 8);
            }
            if (offSize / 8 > Integer.MAX_VALUE) {
                throw new DataFileException(data, "its index lists " + offSize / 8 + " samples, more than 2^31-1");
            }
            return new MappedIndex(IndexTableFile.offsetsOf(data), off, sz, (int) (offSize / 8), counter);
        } catch (Throwable e) {
            Closeables.closeAfterFailure(e, off, sz);
            throw e;
        }
    }

    private static FileChannel openTable(Path data, Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new DataFileException(data, "its index " + file.getFileName() + " is missing (an indexed binary "
                    + "file needs <file>.off.idx and <file>.sz.idx beside it)");
        }
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public long offset(int sample) throws IOException {
        counter.add(8);
        return offsets.getLong(8L * sample);
    }

    @Override
    public long size(int sample) throws IOException {
        counter.add(8);
        return sizes.getLong(8L * sample);
    }

    @Override
    public Path offsetsFile() {
        return offsetsFile;
    }

    @Override
    public void close() throws IOException {
        try (offChannel; szChannel) {
            // both closed; the maps go with the garbage collector
        }
    }
}
