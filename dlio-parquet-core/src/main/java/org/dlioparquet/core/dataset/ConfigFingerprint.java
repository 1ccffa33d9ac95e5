package org.dlioparquet.core.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.dlioparquet.core.config.WorkloadConfig;

/**
 * A hash of everything that decides a dataset's files ({@link WorkloadConfig#datasetFileValues()}):
 * two workloads with the same fingerprint describe the same files, so one may resume or reuse what
 * the other generated.
 */
public final class ConfigFingerprint {
    private ConfigFingerprint() {
    }

    public static String of(WorkloadConfig config) {
        Map<String, Object> keys = new TreeMap<>(config.datasetFileValues());
        StringBuilder sb = new StringBuilder();
        keys.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
