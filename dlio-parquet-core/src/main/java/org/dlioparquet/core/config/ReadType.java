package org.dlioparquet.core.config;

/** {@code reader.read_type}. */
public enum ReadType {
    /** DLIO's default: open, decode and close the file for every sample (read amplification). */
    ON_DEMAND,
    /** Keep the opened file (and the decoded row group) per reader thread. */
    MEMORY
}
