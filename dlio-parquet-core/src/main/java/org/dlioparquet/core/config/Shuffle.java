package org.dlioparquet.core.config;

/** {@code reader.file_shuffle} / {@code reader.sample_shuffle}. */
public enum Shuffle {
    /** Sorted order. */
    OFF,
    /** Shuffled with {@code train.seed} (plus the epoch when {@code seed_change_epoch}). */
    SEED,
    /** Shuffled with a fresh seed every run. */
    RANDOM
}
