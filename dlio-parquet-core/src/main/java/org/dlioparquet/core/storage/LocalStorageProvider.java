package org.dlioparquet.core.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import org.dlioparquet.core.config.StorageConfig;
import org.dlioparquet.core.spi.Storage;
import org.dlioparquet.core.spi.StorageProvider;

/**
 * The default back-end: local (and locally mounted) file systems, {@code storage_type: local_fs}
 * and {@code file:} URIs. DLIO's rule: the folder is {@code storage_root/folder} below the
 * workload's base directory, and an absolute folder wins.
 */
public final class LocalStorageProvider implements StorageProvider {
    @Override
    public String name() {
        return "local_fs";
    }

    @Override
    public String description() {
        return "local_fs: local and mounted file systems (file:), O_DIRECT reads, atomic rename on publish";
    }

    @Override
    public Set<String> storageTypes() {
        return Set.of("local_fs");
    }

    @Override
    public Set<String> schemes() {
        return Set.of("file");
    }

    @Override
    public URI root(StorageConfig storage, Path baseDirectory, String folder) {
        String f = folder.endsWith("/") && folder.length() > 1 ? folder.substring(0, folder.length() - 1) : folder;
        return baseDirectory.resolve(storage.storageRoot()).resolve(f).toAbsolutePath().normalize().toUri();
    }

    @Override
    public Storage open(StorageConfig storage, URI root) {
        return new LocalStorage(Path.of(root));
    }
}
