/**
 * Internal: where bytes live. How readers open files ({@code ReadChannels}: plain, or O_DIRECT through
 * {@code DirectReadChannel} with pooled aligned buffers), how generation writes them
 * ({@code WriteStorage}, {@code AtomicFiles}: temporary name, then rename), and channel helpers.
 */
package org.dlioparquet.core.storage;
