package org.dlioparquet.core.format.parquet;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checked footers of recently opened files, so that a file opened again within an epoch (once
 * per sample with DLIO's on-demand reads, by each reader thread, or after the memory budget
 * closed it) does not read and parse its footer again. Emptied between epochs
 * ({@link #clear}): every epoch reads every footer from storage, as DLIO's, which opens every
 * file again each epoch. A changed size or modification time makes a new key, so a rewritten
 * file is never served a stale footer. Least recently used entries are dropped beyond the
 * capacity. Thread-safe.
 */
final class FooterCache {
    /** Identity of one version of a file. */
    record Key(Path absolutePath, long size, FileTime modified) {
    }

    private final Map<Key, FileLayout> entries;

    FooterCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, FileLayout> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized FileLayout get(Key key) {
        return entries.get(key);
    }

    synchronized void put(Key key, FileLayout layout) {
        entries.put(key, layout);
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
