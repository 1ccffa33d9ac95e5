package org.dlioparquet.core.config;

/**
 * How much a trace records ({@code profiling.trace_level}, with {@code workflow.profiling: True}). Each
 * level includes the ones before it.
 */
public enum TraceLevel {
    /** The run, epochs, training and evaluation blocks, checkpoints: a few events per epoch. */
    EPOCH,
    /** Plus, per step, the wait for data ({@code fetch.iter}), compute and barrier: three events a step. */
    STEP,
    /** Plus, per run of samples read, {@code item} and {@code preprocess}, and every open and read of a file. */
    SAMPLE
}
