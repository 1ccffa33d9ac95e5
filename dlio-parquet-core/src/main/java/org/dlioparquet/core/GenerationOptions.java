package org.dlioparquet.core;

import java.util.Objects;
import org.dlioparquet.core.storage.WriteStorage;

/**
 * How to run a generation, beyond what the workload says.
 *
 * @param rank      this process's rank; it writes files {@code rank, rank + ranks, ...}
 * @param ranks     number of processes sharing the generation
 * @param threads   writer threads; 0 = {@code dataset.generation_threads}, or one per core
 * @param fsync     force each file to the device before it is renamed into place
 * @param listener  progress callbacks
 * @param verify    when resuming, check the CRC32C of files already written, not only their size
 * @param overwrite regenerate even when the folder holds a dataset of another workload
 * @param storage   where bytes are written (the local file system unless a test injects failures)
 */
public record GenerationOptions(int rank, int ranks, int threads, boolean fsync, GenerationListener listener,
                                boolean verify, boolean overwrite, WriteStorage storage) {
    public GenerationOptions {
        if (ranks < 1) {
            throw new IllegalArgumentException("ranks must be >= 1, got " + ranks);
        }
        if (rank < 0 || rank >= ranks) {
            throw new IllegalArgumentException("rank must be in [0, " + ranks + "), got " + rank);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(storage, "storage");
    }

    public GenerationOptions(int rank, int ranks, int threads, boolean fsync, GenerationListener listener) {
        this(rank, ranks, threads, fsync, listener, false, false, WriteStorage.LOCAL);
    }

    /** One rank, threads from the workload, no fsync, no progress. */
    public static GenerationOptions defaults() {
        return new GenerationOptions(0, 1, 0, false, GenerationListener.NONE);
    }

    public GenerationOptions withRank(int newRank, int newRanks) {
        return new GenerationOptions(newRank, newRanks, threads, fsync, listener, verify, overwrite, storage);
    }

    public GenerationOptions withThreads(int count) {
        return new GenerationOptions(rank, ranks, count, fsync, listener, verify, overwrite, storage);
    }

    public GenerationOptions withFsync(boolean value) {
        return new GenerationOptions(rank, ranks, threads, value, listener, verify, overwrite, storage);
    }

    public GenerationOptions withListener(GenerationListener value) {
        return new GenerationOptions(rank, ranks, threads, fsync, value, verify, overwrite, storage);
    }

    public GenerationOptions withVerify(boolean value) {
        return new GenerationOptions(rank, ranks, threads, fsync, listener, value, overwrite, storage);
    }

    public GenerationOptions withOverwrite(boolean value) {
        return new GenerationOptions(rank, ranks, threads, fsync, listener, verify, value, storage);
    }

    public GenerationOptions withStorage(WriteStorage value) {
        return new GenerationOptions(rank, ranks, threads, fsync, listener, verify, overwrite, value);
    }
}
