package org.dlioparquet.core.config;

import java.util.Map;
import java.util.Objects;

/** The {@code storage} section. */
public record StorageConfig(StorageType storageType, String storageRoot, Map<String, Object> storageOptions) {
    public StorageConfig {
        Objects.requireNonNull(storageType, "storageType");
        Objects.requireNonNull(storageRoot, "storageRoot");
        storageOptions = Map.copyOf(storageOptions);
    }
}
