package org.dlioparquet.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code storage} section.
 *
 * @param storageOptions free-form options as written; a key given without a value
 *                       ({@code columns:}) maps to {@code null}
 */
public record StorageConfig(StorageType storageType, String storageRoot, Map<String, Object> storageOptions) {
    public StorageConfig {
        Objects.requireNonNull(storageType, "storageType");
        Objects.requireNonNull(storageRoot, "storageRoot");
        // not Map.copyOf: YAML's "columns:" (no value) is a null the fork reads as "all columns"
        storageOptions = Collections.unmodifiableMap(new LinkedHashMap<>(storageOptions));
    }
}
