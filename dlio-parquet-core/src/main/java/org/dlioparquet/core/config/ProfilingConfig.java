package org.dlioparquet.core.config;

/**
 * The {@code profiling} section with {@code workflow.profiling}: whether a run writes a DFTracer
 * trace per rank, and how much it records. DLIO's {@code profiler} (iostat, darshan, tensorboard)
 * is not emulated; a run with one set says so and writes the trace anyway.
 *
 * @param enabled    {@code workflow.profiling}
 * @param profiler   {@code profiling.profiler} as written (DLIO's default is {@code iostat})
 * @param traceLevel {@code profiling.trace_level} (ours; default {@code sample})
 */
public record ProfilingConfig(boolean enabled, String profiler, TraceLevel traceLevel) {
}
