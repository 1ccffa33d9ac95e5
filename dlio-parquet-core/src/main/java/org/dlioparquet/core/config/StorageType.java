package org.dlioparquet.core.config;

/** {@code storage.storage_type}; only {@code local_fs} is implemented. */
public enum StorageType {
    LOCAL_FS, PARALLEL_FS, S3, AISTORE
}
