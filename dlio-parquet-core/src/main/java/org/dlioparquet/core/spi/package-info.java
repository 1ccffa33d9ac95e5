/**
 * API: the extension points. A {@code FormatProvider} (found with {@link java.util.ServiceLoader},
 * collected by {@code FormatRegistry}) brings a generator ({@code FileGenerator}, writing a file from
 * a {@code FileSpec} with {@code SeededContent}) and a reader ({@code FormatReader} opening a
 * {@code SampleFile} that delivers samples to a {@code SampleSink}) for one format. A
 * {@code StorageProvider} (collected by {@code StorageRegistry}) brings a storage back-end: a
 * {@code Storage} rooted at a folder or bucket prefix, which opens {@code ObjectReader}s for
 * positional reads and {@code ObjectWriter}s that publish atomically.
 */
package org.dlioparquet.core.spi;
