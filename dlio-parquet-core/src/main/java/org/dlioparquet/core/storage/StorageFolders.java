package org.dlioparquet.core.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.spi.Storage;
import org.dlioparquet.core.spi.StorageRegistry;

/**
 * A workload's data and checkpoint folders opened on the storage that serves them, for the length
 * of a generation, run or validation: on the local file system nothing; on S3 or a Hadoop file
 * system a {@link StorageFileSystem} whose root becomes the workload's
 * {@link WorkloadConfig#dataFolderPath()} (or {@link WorkloadConfig#checkpointFolderPath()}, when the
 * workflow checkpoints). Closing it releases the storages' connections.
 */
public final class StorageFolders implements Closeable {
    private final WorkloadConfig config;
    private final StorageFileSystem fileSystem;
    private final StorageFileSystem checkpoints;

    private StorageFolders(WorkloadConfig config, StorageFileSystem fileSystem, StorageFileSystem checkpoints) {
        this.config = config;
        this.fileSystem = fileSystem;
        this.checkpoints = checkpoints;
    }

    /**
     * Opens {@code config}'s data folder where it lies.
     *
     * @throws org.dlioparquet.core.DlioException when no back-end serves it or its library is missing
     * @throws IOException                        when the storage cannot be reached
     */
    public static StorageFolders open(WorkloadConfig config) throws IOException {
        StorageFileSystem data = config.dataOnStorage() ? open(config, config.dataset().dataFolder()) : null;
        StorageFileSystem checkpoints = null;
        try {
            if (config.workflow().checkpoint() && config.checkpointOnStorage()) {
                checkpoints = open(config, config.checkpoint().checkpointFolder());
                probe(checkpoints);
            }
        } catch (IOException | RuntimeException e) {
            Closeables.closeAfterFailure(e, data);
            throw e;
        }
        WorkloadConfig opened = data == null ? config : config.withDataFolderOnStorage(data.root());
        return new StorageFolders(checkpoints == null ? opened : opened.withCheckpointFolderOnStorage(checkpoints.root()),
                data, checkpoints);
    }

    /**
     * Lists the checkpoint root once, so that an unreachable endpoint, refused credentials or a
     * missing bucket fail now, in one line, rather than as the first upload broken off by the server.
     */
    private static void probe(StorageFileSystem checkpoints) throws IOException {
        try {
            checkpoints.storage().list("", "");
        } catch (NoSuchFileException e) {
            // a folder that the first save creates
        }
    }

    private static StorageFileSystem open(WorkloadConfig config, String folder) throws IOException {
        Storage storage = StorageRegistry.loadDefault().open(config.storage(), config.baseDirectory(), folder);
        return StorageFileSystem.of(storage);
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
        try (StorageFileSystem d = fileSystem; StorageFileSystem c = checkpoints) {
            // both closed, the first failure reported
        }
    }
}
