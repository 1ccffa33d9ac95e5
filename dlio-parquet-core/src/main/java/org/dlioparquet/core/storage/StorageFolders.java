package org.dlioparquet.core.storage;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.spi.Storage;
import org.dlioparquet.core.spi.StorageRegistry;

/**
 * A workload's data folder opened on the storage that serves it, for the length of a generation,
 * run or validation: on the local file system nothing; on S3 or a Hadoop file system a
 * {@link StorageFileSystem} whose root becomes the workload's {@link WorkloadConfig#dataFolderPath()}.
 * Closing it releases the storage's connections.
 */
public final class StorageFolders implements Closeable {
    private final WorkloadConfig config;
    private final StorageFileSystem fileSystem;

    private StorageFolders(WorkloadConfig config, StorageFileSystem fileSystem) {
        this.config = config;
        this.fileSystem = fileSystem;
    }

    /**
     * Opens {@code config}'s data folder where it lies.
     *
     * @throws org.dlioparquet.core.DlioException when no back-end serves it or its library is missing
     * @throws IOException                        when the storage cannot be reached
     */
    public static StorageFolders open(WorkloadConfig config) throws IOException {
        if (!config.dataOnStorage()) {
            return new StorageFolders(config, null);
        }
        Storage storage = StorageRegistry.loadDefault().open(config.storage(), config.baseDirectory(),
                config.dataset().dataFolder());
        StorageFileSystem fs = StorageFileSystem.of(storage);
        return new StorageFolders(config.withDataFolderOnStorage(fs.root()), fs);
    }

    /** The workload, its data folder where it lies. */
    public WorkloadConfig config() {
        return config;
    }

    /** What reads through the storage cost it; empty for local files, whose reads the readers count. */
    public Optional<StorageTraffic> traffic() {
        return fileSystem == null ? Optional.empty() : Optional.of(fileSystem.traffic());
    }

    @Override
    public void close() throws IOException {
        if (fileSystem != null) {
            fileSystem.close();
        }
    }
}
