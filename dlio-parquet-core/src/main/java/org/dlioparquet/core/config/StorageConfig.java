package org.dlioparquet.core.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code storage} section. {@code storageOptions} is DLIO's free-form mapping (S3 endpoint and
 * credentials, the fork's column selection, Hadoop settings); its credentials never leave this
 * record unmasked except to the back-end: {@link #toString()} and {@code config.yaml} show
 * {@value #MASK} instead.
 */
public record StorageConfig(StorageType storageType, String storageRoot, Map<String, Object> storageOptions) {
    /** What a masked credential shows. */
    public static final String MASK = "****";

    public StorageConfig {
        Objects.requireNonNull(storageType, "storageType");
        Objects.requireNonNull(storageRoot, "storageRoot");
        storageOptions = Map.copyOf(storageOptions);
    }

    /**
     * Whether a key of {@code storage_options} holds a credential: DLIO's {@code access_key_id} and
     * {@code secret_access_key}, and any key that names a secret, password or token.
     */
    public static boolean isSecretOption(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.equals("access_key_id") || k.contains("secret") || k.contains("password") || k.contains("token")
                || k.contains("credential");
    }

    /** The options with every credential's value replaced by {@value #MASK}, at any depth. */
    public Map<String, Object> maskedOptions() {
        return masked(storageOptions);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> masked(Map<String, Object> options) {
        Map<String, Object> out = new LinkedHashMap<>();
        options.forEach((k, v) -> out.put(k, isSecretOption(k) && v != null ? MASK
                : v instanceof Map<?, ?> m ? masked((Map<String, Object>) m) : v));
        return out;
    }

    @Override
    public String toString() {
        return "StorageConfig[storageType=" + storageType + ", storageRoot=" + storageRoot + ", storageOptions="
                + maskedOptions() + "]";
    }
}
