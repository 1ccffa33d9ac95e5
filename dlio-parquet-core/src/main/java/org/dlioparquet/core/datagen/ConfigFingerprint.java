package org.dlioparquet.core.datagen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dlioparquet.core.config.WorkloadConfig;

/**
 * A hash of everything that decides a dataset's bytes: the {@code dataset} keys, except where the
 * files live and how many threads write them. Two workloads with the same fingerprint describe the
 * same files.
 */
final class ConfigFingerprint {
    private static final Set<String> IGNORED = Set.of("dataset.data_folder", "dataset.generation_threads",
            "dataset.keep_files", "dataset.generation_buffer_size", "dataset.parquet.generation_batch_size");

    private ConfigFingerprint() {
    }

    static String of(WorkloadConfig config) {
        Map<String, String> keys = new TreeMap<>();
        config.resolvedValues().forEach((k, v) -> {
            if (k.startsWith("dataset.") && !IGNORED.contains(k)) {
                keys.put(k, String.valueOf(v));
            }
        });
        StringBuilder sb = new StringBuilder();
        keys.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
