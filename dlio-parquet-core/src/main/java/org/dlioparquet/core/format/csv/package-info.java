/**
 * Internal: the CSV format provider: one sample per line as pandas writes it, plain or compressed
 * (gzip, bz2, xz, zstd), with pandas' number formatting and parsing.
 */
package org.dlioparquet.core.format.csv;
