package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import org.dlioparquet.core.spi.Storage;

/**
 * The space of a {@link StorageFileSystem}: what the storage says is free, or unbounded for an
 * object store that cannot say (a bucket has no capacity), so that a free-space check passes.
 */
final class StorageFileStore extends FileStore {
    private final Storage storage;

    StorageFileStore(Storage storage) {
        this.storage = storage;
    }

    @Override
    public String name() {
        return storage.name();
    }

    @Override
    public String type() {
        return "storage";
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public long getTotalSpace() throws IOException {
        return getUsableSpace();
    }

    @Override
    public long getUsableSpace() throws IOException {
        return storage.usableSpace().orElse(Long.MAX_VALUE);
    }

    @Override
    public long getUnallocatedSpace() throws IOException {
        return getUsableSpace();
    }

    @Override
    public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
        return type == BasicFileAttributeView.class;
    }

    @Override
    public boolean supportsFileAttributeView(String name) {
        return "basic".equals(name);
    }

    @Override
    public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
        return null;
    }

    @Override
    public Object getAttribute(String attribute) {
        throw new UnsupportedOperationException(storage.name() + ": no attribute " + attribute);
    }
}
