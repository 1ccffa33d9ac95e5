/**
 * DFTracer-compatible traces of a run ({@code trace-<rank>-of-<size>.pfw.gz}): DLIO's {@code dft_ai}
 * event names and categories, POSIX-level read events with bytes, written by one background
 * thread per rank from per-thread buffers.
 *
 * <p>Internal: public only for the library's own packages.
 */
package org.dlioparquet.core.metrics.trace;
