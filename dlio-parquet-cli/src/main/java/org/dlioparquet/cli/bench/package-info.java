/**
 * The benchmark tool behind {@code dlio-parquet bench}: each case runs the real generator or runner in
 * a child JVM, interleaved with a plain {@code FileChannel} baseline of the same bytes, and reports
 * medians, ratios and memory as Markdown. Not a library API.
 */
package org.dlioparquet.cli.bench;
