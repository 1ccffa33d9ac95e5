package org.dlioparquet.core.spi;

/**
 * Where a provider reports what is wrong with a workload before anything is written. A key is a
 * dotted workload path such as {@code dataset.compression}; a message says what is wrong and,
 * where it helps, what would be right.
 */
public interface ProblemReporter {
    void error(String key, String message);

    void warning(String key, String message);
}
