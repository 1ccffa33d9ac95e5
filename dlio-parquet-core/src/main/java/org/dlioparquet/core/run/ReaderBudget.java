package org.dlioparquet.core.run;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * What one reader thread may keep open with {@code read_type: memory}. DLIO's memory mode keeps
 * every file a worker opened until the epoch ends; so does the runner, within
 * {@code reader.memory_budget_bytes} (default half the JVM's heap) shared evenly by every reader
 * thread of the process, and within the process's limit of open files (half of what is free, for
 * the rest of the process). Past either, the least recently used file is closed, and read again if
 * it is asked for again in the same epoch (which is counted and reported). Without a sample
 * shuffle a reader thread never goes back to a file it has left (each thread's samples come in
 * file order), so keeping its last two files open is keeping every file it will read again, and
 * holds no memory for nothing.
 *
 * @param bytesPerThread memory the files a reader thread keeps open may hold ({@code SampleFile.retainedBytes})
 * @param filesPerThread files a reader thread may keep open at once
 */
record ReaderBudget(long bytesPerThread, int filesPerThread) {
    /** Open files per thread when the process's limit is unknown (not Unix). */
    static final int DEFAULT_FILES_PER_THREAD = 256;
    /** Most files per thread however high the limit: beyond, the bookkeeping outweighs a reopen. */
    static final int MAX_FILES_PER_THREAD = 1 << 16;
    /** Files a thread keeps when its samples come in file order: the one it reads and the one before. */
    static final int IN_ORDER_FILES = 2;

    /**
     * @param configuredBytes {@code reader.memory_budget_bytes}; 0 = half the heap
     * @param readerThreads   reader threads of this process that hold files at once
     * @param sampleShuffle   whether samples come in a shuffled order (a thread may come back to any file)
     */
    static ReaderBudget of(long configuredBytes, int readerThreads, boolean sampleShuffle) {
        long total = configuredBytes > 0 ? configuredBytes : Runtime.getRuntime().maxMemory() / 2;
        int threads = Math.max(1, readerThreads);
        int files = filesPerThread(threads);
        return new ReaderBudget(Math.max(1, total / threads), sampleShuffle ? files : Math.min(IN_ORDER_FILES, files));
    }

    private static int filesPerThread(int threads) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os) {
            long free = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount();
            return (int) Math.max(2, Math.min(MAX_FILES_PER_THREAD, free / 2 / threads));
        }
        return DEFAULT_FILES_PER_THREAD;
    }
}
