package org.dlioparquet.core.run;

import java.nio.file.Path;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.ReadType;
import org.dlioparquet.core.dataset.DatasetPlan;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.storage.StorageFileSystem;

/**
 * Opens the objects of each queued batch ahead of the reader thread that will read them
 * ({@link StorageFileSystem#openAhead}), so that an object store fetches their first bytes while
 * the threads read the batches before: the round trip per object overlaps other work, as a
 * PyTorch data loader's prefetching does. Only for a data folder on storage (S3); local files are
 * read as before.
 */
final class OpenAhead implements BatchLoader.QueuedBatches {
    private final Path root;
    private final DatasetPlan plan;
    private final Split split;
    private final boolean whole;
    private final EpochSampleOrder.RunVisitor<RuntimeException> open = this::open;

    private OpenAhead(Path root, DatasetPlan plan, Split split, boolean whole) {
        this.root = root;
        this.plan = plan;
        this.split = split;
        this.whole = whole;
    }

    /**
     * For the data folder {@code root}: opening ahead where it lies on storage, whole objects when
     * {@code reader} reads whole files; nothing for local files, and nothing with
     * {@code read_type: on_demand}, whose reads fetch what each sample needs when it is read.
     */
    static BatchLoader.QueuedBatches of(Path root, DatasetPlan plan, Split split, FormatReader reader,
                                        ReadType readType) {
        if (!StorageFileSystem.isStoragePath(root) || readType == ReadType.ON_DEMAND) {
            return BatchLoader.QueuedBatches.NONE;
        }
        return new OpenAhead(root, plan, split, reader.readsWholeFiles());
    }

    @Override
    public void queued(EpochSampleOrder order, long first, int count) {
        order.forEachRun(first, count, true, open);
    }

    private void open(long file, int row, int length) {
        StorageFileSystem.openAhead(root.resolve(plan.layout().relativePath(split, (int) file)), whole);
    }

    @Override
    public void phaseEnded() {
        StorageFileSystem.releaseOpenedAhead(root);
    }
}
