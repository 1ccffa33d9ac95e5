package org.dlioparquet.core.datagen;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.dlioparquet.core.GenerationOptions;
import org.dlioparquet.core.GenerationResult;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.storage.AtomicFiles;

/**
 * Writes a workload's dataset: this rank's files ({@code rank, rank + ranks, ...} over train then
 * eval, as DLIO shards) on a pool of writer threads, each file written under a temporary name and
 * renamed when complete. Threads take the next file from a shared counter, so millions of files
 * need no queue; contents depend only on the file's spec, so the thread count never changes a byte.
 */
public final class DatasetGenerator {
    private final WorkloadConfig config;
    private final GenerationOptions options;
    private final FormatProvider provider;
    private final DatasetPlan plan;
    private final Path root;

    public DatasetGenerator(WorkloadConfig config, GenerationOptions options) {
        this.config = config;
        this.options = options;
        DatasetConfig ds = config.dataset();
        if (ds.format() == null) {
            throw new ConfigException("dataset.format", "not set; available: " + config.registry().availableNames());
        }
        this.provider = config.registry().provider(ds.format());
        this.plan = new DatasetPlan(ds, provider.fileExtension(ds));
        this.root = config.dataFolderPath();
    }

    public DatasetPlan plan() {
        return plan;
    }

    /** Files this rank writes. */
    public long filesOfThisRank() {
        long total = plan.totalFiles();
        return total <= options.rank() ? 0 : (total - 1 - options.rank()) / options.ranks() + 1;
    }

    public GenerationResult generate() throws IOException {
        prepareFolders();
        int threads = threadCount();
        long mine = filesOfThisRank();
        options.listener().started(mine);
        FileGenerator generator = provider.newGenerator(config.dataset());
        AtomicLong next = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong files = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < Math.max(1, Math.min(threads, mine)); t++) {
            Thread w = new Thread(() -> {
                long k;
                while (failure.get() == null && !Thread.currentThread().isInterrupted()
                        && (k = next.getAndIncrement()) < mine) {
                    FileSpec spec = plan.spec(options.rank() + k * options.ranks());
                    try {
                        long size = AtomicFiles.write(root.resolve(spec.relativePath()), options.fsync(),
                                ch -> generator.write(spec, ch));
                        bytes.addAndGet(size);
                        files.incrementAndGet();
                        options.listener().fileWritten(spec, size);
                    } catch (IOException e) {
                        failure.compareAndSet(null, withFile(spec, e));
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }, "dlio-datagen-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        try {
            for (Thread w : workers) {
                w.join();
            }
        } catch (InterruptedException e) {
            workers.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new IOException("generation interrupted", e);
        }
        Throwable f = failure.get();
        if (f instanceof IOException io) {
            throw io;
        }
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
        return new GenerationResult(root, options.rank(), options.ranks(), files.get(), bytes.get(),
                Duration.ofNanos(System.nanoTime() - start), threads);
    }

    int threadCount() {
        if (options.threads() > 0) {
            return options.threads();
        }
        int configured = config.dataset().generationThreads();
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Creates {@code train/}, {@code valid/} and subfolders (DLIO always creates both splits) and
     * proves the folder is writable before any data is written.
     */
    private void prepareFolders() throws IOException {
        try {
            for (Split split : Split.values()) {
                Path dir = root.resolve(split.folder());
                Files.createDirectories(dir);
                for (String sub : plan.layout().subfolderNames(split)) {
                    Files.createDirectories(dir.resolve(sub));
                }
            }
            Path probe = root.resolve(Split.TRAIN.folder()).resolve(".dlio-parquet-probe-" + options.rank()
                    + AtomicFiles.PARTIAL_SUFFIX);
            Files.write(probe, new byte[0]);
            Files.delete(probe);
        } catch (FileSystemException e) {
            throw new FolderNotWritableException(root, e);
        }
    }

    private static IOException withFile(FileSpec spec, IOException e) {
        if (e instanceof FileSystemException || e instanceof org.dlioparquet.core.DataFileException) {
            return e;
        }
        return new IOException(spec.relativePath() + ": " + e.getMessage(), e);
    }

    /** The data folder cannot be created or written; names the key and the reason. */
    public static final class FolderNotWritableException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        FolderNotWritableException(Path root, FileSystemException cause) {
            super(root.toString(), null, "dataset.data_folder is not writable ("
                    + reasonOf(cause) + ")");
            initCause(cause);
        }

        private static String reasonOf(FileSystemException e) {
            String reason = e.getReason();
            if (e instanceof java.nio.file.AccessDeniedException) {
                reason = "permission denied";
            } else if (e instanceof java.nio.file.FileAlreadyExistsException) {
                reason = "a file is in the way";
            } else if (reason == null) {
                reason = e.getClass().getSimpleName();
            }
            return (e.getFile() == null ? "" : e.getFile() + ": ") + reason;
        }
    }
}
