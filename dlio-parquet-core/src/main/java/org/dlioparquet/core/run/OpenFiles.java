package org.dlioparquet.core.run;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import org.dlioparquet.core.spi.SampleFile;

/**
 * The files one reader thread keeps open, keyed by file index, within a budget of memory (what
 * the files say they hold, {@link SampleFile#retainedBytes}) and of open files; past either, the
 * least recently used file is closed first. The file read last is found without a lookup, as a
 * file's samples usually come in runs. Not thread-safe.
 */
final class OpenFiles implements AutoCloseable {
    private final long budgetBytes;
    private final int maxFiles;
    /** In access order: the eldest entry is the least recently used file. */
    private final LinkedHashMap<Long, OpenFile> files = new LinkedHashMap<>(16, 0.75f, true);
    private OpenFile last;
    private long retained;

    /** An open file, how many of its bytes read have been counted, and what it holds. */
    static final class OpenFile {
        final long index;
        final SampleFile file;
        private long counted;
        private long retained;

        OpenFile(long index, SampleFile file) {
            this.index = index;
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

    /**
     * @param budgetBytes memory the open files may hold together
     * @param maxFiles    files open at once, at least 1
     */
    OpenFiles(long budgetBytes, int maxFiles) {
        this.budgetBytes = budgetBytes;
        this.maxFiles = Math.max(1, maxFiles);
    }

    /** Whether the file of this index is open (its place in the order of use unchanged). */
    boolean holds(long index) {
        return files.containsKey(index);
    }

    /** The open file of this index, now the most recently used, or null. */
    OpenFile get(long index) {
        if (last != null && last.index == index) {
            return last;
        }
        OpenFile f = files.get(index);
        if (f != null) {
            last = f;
        }
        return f;
    }

    /** Keeps a file just opened, closing the least recently used ones while the open files are at their limit. */
    OpenFile add(long index, SampleFile file) throws IOException {
        IOException failure = null;
        while (files.size() >= maxFiles) {
            failure = closeEldest(failure);
        }
        OpenFile f = new OpenFile(index, file);
        files.put(index, f);
        last = f;
        if (failure != null) {
            throw failure;
        }
        return f;
    }

    /**
     * Takes note of what {@code f} holds after a read, and closes the least recently used other
     * files while the open files hold more than the budget.
     */
    void settle(OpenFile f) throws IOException {
        long now = f.file.retainedBytes();
        retained += now - f.retained;
        f.retained = now;
        IOException failure = null;
        while (retained > budgetBytes && files.size() > 1) {
            failure = closeEldest(failure); // f was used last: it is the eldest only when alone
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Bytes the open files hold, as of their last {@link #settle}. */
    long retainedBytes() {
        return retained;
    }

    int size() {
        return files.size();
    }

    /** Closes the file of this index if it is open. */
    void close(long index) throws IOException {
        OpenFile f = files.remove(index);
        if (f != null) {
            forget(f);
            f.file.close();
        }
    }

    /** Closes every file, reporting the first failure after trying all. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        while (!files.isEmpty()) {
            failure = closeEldest(failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private IOException closeEldest(IOException failure) {
        Iterator<OpenFile> it = files.values().iterator();
        OpenFile f = it.next();
        it.remove();
        forget(f);
        try {
            f.file.close();
        } catch (IOException e) {
            return failure == null ? e : failure;
        }
        return failure;
    }

    private void forget(OpenFile f) {
        retained -= f.retained;
        if (last == f) {
            last = null;
        }
    }
}
