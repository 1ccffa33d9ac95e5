package org.dlioparquet.core;

import java.util.Objects;

/**
 * How to run a generation, beyond what the workload says.
 *
 * @param rank     this process's rank; it writes files {@code rank, rank + ranks, ...}
 * @param ranks    number of processes sharing the generation
 * @param threads  writer threads; 0 = {@code dataset.generation_threads}, or one per core
 * @param fsync    force each file to the device before it is renamed into place
 * @param listener progress callbacks
 */
public record GenerationOptions(int rank, int ranks, int threads, boolean fsync, GenerationListener listener) {
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
    }

    /** One rank, threads from the workload, no fsync, no progress. */
    public static GenerationOptions defaults() {
        return new GenerationOptions(0, 1, 0, false, GenerationListener.NONE);
    }

    public GenerationOptions withRank(int rank, int ranks) {
        return new GenerationOptions(rank, ranks, threads, fsync, listener);
    }

    public GenerationOptions withThreads(int count) {
        return new GenerationOptions(rank, ranks, count, fsync, listener);
    }

    public GenerationOptions withFsync(boolean value) {
        return new GenerationOptions(rank, ranks, threads, value, listener);
    }

    public GenerationOptions withListener(GenerationListener value) {
        return new GenerationOptions(rank, ranks, threads, fsync, value);
    }
}
