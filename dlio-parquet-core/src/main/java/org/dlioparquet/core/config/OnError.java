package org.dlioparquet.core.config;

/** {@code reader.on_error}: what a run does with a corrupt or unreadable file. */
public enum OnError {
    /** Stop the run with the file's error. */
    FAIL,
    /** Skip the file's samples, count it, and report the count in the summary. */
    SKIP
}
