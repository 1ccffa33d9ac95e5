package org.dlioparquet.core.run;

import java.nio.file.Path;
import java.util.function.LongFunction;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.ReadType;
import org.dlioparquet.core.dataset.DatasetPlan;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.storage.StorageFileSystem;

/**
 * Opens the objects of queued batches ahead of the reader threads that will read them
 * ({@link StorageFileSystem#openAhead}), so that an object store fetches their bytes while the
 * threads read the batches before: the round trip and transfer per object overlap other work, as a
 * PyTorch data loader's prefetching does. Only for a data folder on storage (S3); local files are
 * read as before.
 *
 * <p>It opens one round of batches further than the queue: the reader threads take queued
 * batches at once (with DLIO's default {@code prefetch_size} the queue holds one batch per
 * thread), so an object opened when its batch is queued is fetched while its reader waits for it.
 * Opened a round earlier, it arrives while the threads decode the objects before it. Objects are
 * opened in the epoch's order, each at most once an epoch: one whose batch a reader thread took
 * before there was room for it is read as it comes.
 */
final class OpenAhead implements BatchLoader.QueuedBatches {
    /** Opens one object ahead; {@code whole}: its reader reads all of it. False: no room now, nothing done. */
    @FunctionalInterface
    interface Opener {
        boolean open(Path object, boolean whole);
    }

    private final Path root;
    private final LongFunction<Path> paths;
    private final boolean whole;
    private final int leadBatches;
    private final Opener opener;
    private final EpochSampleOrder.RunVisitor<RuntimeException> open = this::open;
    /** The samples of the epoch order before this one have been opened ahead. */
    private long openedUntil;
    /** The file opened ahead last: the next batch's rows often continue it. */
    private long lastFile = -1;
    /** While visiting runs: the first sample of the run being visited, and whether the opener had no room. */
    private long runStart;
    private boolean full;

    /**
     * @param root        the data folder, whose objects opened ahead and never read are let go when a phase ends
     * @param paths       the path of a file of the split, by index
     * @param leadBatches batches opened beyond the one queued: one per reader thread
     */
    OpenAhead(Path root, LongFunction<Path> paths, boolean whole, int leadBatches, Opener opener) {
        this.root = root;
        this.paths = paths;
        this.whole = whole;
        this.leadBatches = leadBatches;
        this.opener = opener;
    }

    /**
     * For the data folder {@code root}: opening ahead where it lies on storage, whole objects when
     * {@code reader} reads whole files; nothing for local files, and nothing with
     * {@code read_type: on_demand}, whose reads fetch what each sample needs when it is read.
     */
    static BatchLoader.QueuedBatches of(Path root, DatasetPlan plan, Split split, FormatReader reader,
                                        ReadType readType, int readThreads) {
        if (!StorageFileSystem.isStoragePath(root) || readType == ReadType.ON_DEMAND) {
            return BatchLoader.QueuedBatches.NONE;
        }
        return new OpenAhead(root, file -> root.resolve(plan.layout().relativePath(split, (int) file)), reader.readsWholeFiles(),
                Math.max(1, readThreads), StorageFileSystem::openAhead);
    }

    /**
     * Opens, in the epoch's order, the objects of samples up to one round of batches past the one
     * queued; where the opener has no room (objects held ahead wait for their readers), the rest
     * waits for the next batch queued.
     */
    @Override
    public void queued(EpochSampleOrder order, long first, int count) {
        long end = Math.min(order.steps() * order.batchSize(), first + (long) count * (1 + leadBatches));
        runStart = Math.max(first, openedUntil);
        full = false;
        if (runStart < end) {
            order.forEachRun(runStart, (int) (end - runStart), true, open);
            openedUntil = full ? runStart : end;
        }
    }

    private void open(long file, int row, int length) {
        if (full) {
            return;
        }
        if (file != lastFile) {
            if (!opener.open(paths.apply(file), whole)) {
                full = true;
                return;
            }
            lastFile = file;
        }
        runStart += length;
    }

    @Override
    public void phaseEnded() {
        openedUntil = 0;
        lastFile = -1;
        StorageFileSystem.releaseOpenedAhead(root);
    }
}
