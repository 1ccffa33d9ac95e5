package org.dlioparquet.core.spi;

import java.util.Objects;

/**
 * One entry of a {@link Storage#list} result.
 *
 * @param name   the name below the listed folder, without a trailing '/'
 * @param size   the object's size in bytes; 0 for a folder
 * @param folder whether the entry is a folder (a common key prefix on an object store)
 */
public record StorageEntry(String name, long size, boolean folder) {
    public StorageEntry {
        Objects.requireNonNull(name, "name");
    }
}
