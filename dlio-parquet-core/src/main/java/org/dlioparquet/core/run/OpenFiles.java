package org.dlioparquet.core.run;

import java.io.IOException;
import org.dlioparquet.core.spi.SampleFile;

/**
 * The few files one reader thread keeps open, keyed by file index, the least recently used closed
 * first. It is looked up for every run of samples: a scan of a couple of slots allocates nothing
 * and costs less than hashing a boxed key. Not thread-safe.
 */
final class OpenFiles implements AutoCloseable {
    private final long[] indices;
    private final OpenFile[] files;
    private int size;

    /** An open file and how many of its bytes read have been counted (opening reads headers too). */
    static final class OpenFile {
        final SampleFile file;
        private long counted;

        OpenFile(SampleFile file) {
            this.file = file;
        }

        /** Bytes read since the last call. */
        long uncounted() {
            long now = file.bytesRead();
            long delta = now - counted;
            counted = now;
            return delta;
        }
    }

    OpenFiles(int capacity) {
        this.indices = new long[capacity];
        this.files = new OpenFile[capacity];
    }

    /** The open file of this index, now the most recently used, or null. */
    OpenFile get(long index) {
        for (int i = 0; i < size; i++) {
            if (indices[i] == index) {
                OpenFile f = files[i];
                moveToFront(i, index, f);
                return f;
            }
        }
        return null;
    }

    /** Keeps a file just opened, closing the least recently used one when every slot is taken. */
    OpenFile add(long index, SampleFile file) throws IOException {
        OpenFile evicted = size == files.length ? files[size - 1] : null;
        if (evicted == null) {
            size++;
        }
        OpenFile f = new OpenFile(file);
        moveToFront(size - 1, index, f);
        if (evicted != null) {
            evicted.file.close();
        }
        return f;
    }

    /** Closes the file of this index if it is open. */
    void close(long index) throws IOException {
        for (int i = 0; i < size; i++) {
            if (indices[i] == index) {
                OpenFile f = files[i];
                System.arraycopy(indices, i + 1, indices, i, size - i - 1);
                System.arraycopy(files, i + 1, files, i, size - i - 1);
                files[--size] = null;
                f.file.close();
                return;
            }
        }
    }

    /** Closes every file, reporting the first failure after trying all. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (int i = 0; i < size; i++) {
            try {
                files[i].file.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
            files[i] = null;
        }
        size = 0;
        if (first != null) {
            throw first;
        }
    }

    /** Shifts slots {@code 0 .. slot-1} down by one and puts {@code (index, f)} in slot 0. */
    private void moveToFront(int slot, long index, OpenFile f) {
        System.arraycopy(indices, 0, indices, 1, slot);
        System.arraycopy(files, 0, files, 1, slot);
        indices[0] = index;
        files[0] = f;
    }
}
