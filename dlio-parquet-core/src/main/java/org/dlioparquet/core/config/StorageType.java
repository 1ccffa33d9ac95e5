package org.dlioparquet.core.config;

/**
 * {@code storage.storage_type}: {@code local_fs} and {@code s3} have back-ends; DLIO's {@code parallel_fs}
 * and {@code aistore} do not.
 */
public enum StorageType {
    LOCAL_FS, PARALLEL_FS, S3, AISTORE
}
