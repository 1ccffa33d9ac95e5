package org.dlioparquet.cli.bench;

import java.util.Map;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.GenerationOptions;
import org.dlioparquet.core.GenerationResult;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.dataset.DatasetRemoval;
import org.dlioparquet.core.storage.StorageFolders;

/** Writes the dataset anew: delete the last one and flush the page cache first (untimed). */
final class GenerateWork implements ChildWork {
    private final WorkloadConfig config;
    private final int threads;

    GenerateWork(WorkloadConfig config, int threads) {
        this.config = config;
        this.threads = threads;
    }

    @Override
    public RepMeasure rep() throws Exception {
        if (config.dataOnStorage()) {
            try (StorageFolders folders = StorageFolders.open(config)) {
                DatasetRemoval.delete(folders.config()); // objects have no folder to delete
            }
        } else {
            FileTrees.delete(config.dataFolderPath());
            PageCache.sync();
        }
        GenerationResult r = Dlio.generate(config, GenerationOptions.defaults().withThreads(threads));
        return RepMeasure.of(Map.of(RepMeasure.MIBPS, r.mibPerSecond(), RepMeasure.BYTES, (double) r.bytes(),
                "files", (double) r.files(), RepMeasure.THREADS, (double) r.threads(),
                RepMeasure.SECONDS, r.elapsed().toNanos() / 1e9));
    }
}
