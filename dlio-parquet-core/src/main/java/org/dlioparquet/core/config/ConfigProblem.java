package org.dlioparquet.core.config;

import java.util.Objects;
import org.dlioparquet.core.internal.Printable;

/**
 * One thing wrong (or worth a warning) in a workload: the key path, what is wrong, and where the
 * value came from ({@code workload.yaml line 7}, {@code override ++workload.reader.batch_size=0}).
 */
public record ConfigProblem(Severity severity, String key, String message, String source) {

    public enum Severity { ERROR, WARNING }

    public ConfigProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    /** One line: {@code key: message (source)}, control characters escaped (a value may hold any). */
    @Override
    public String toString() {
        return Printable.escape(key + ": " + message + (source == null || source.isEmpty() ? "" : " (" + source + ")"));
    }
}
