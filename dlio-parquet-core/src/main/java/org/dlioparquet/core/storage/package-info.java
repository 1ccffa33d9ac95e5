/**
 * Internal: where bytes live. The local back-end of the storage seam ({@code LocalStorageProvider},
 * {@code LocalStorage}: the default, {@code local_fs} and {@code file:}); how readers open local
 * files ({@code ReadChannels}: plain, or O_DIRECT through {@code DirectReadChannel} with pooled
 * aligned buffers), how generation writes them ({@code WriteStorage}, {@code AtomicFiles}:
 * temporary name, then rename), channel helpers shared by the back-ends (a remote object as a
 * read-only {@code FileChannel}, a spooling writer), and the S3 and Hadoop back-ends below.
 */
package org.dlioparquet.core.storage;
