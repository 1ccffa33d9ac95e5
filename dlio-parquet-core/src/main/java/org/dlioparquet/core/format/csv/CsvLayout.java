package org.dlioparquet.core.format.csv;

/**
 * What the open scan found: {@code lines} samples of {@code valuesPerLine} values each.
 *
 * @param lineStarts for uncompressed files, the offset of every line and, last, the end of the
 *                   text ({@code lines + 1} entries); {@code null} for compressed files
 */
record CsvLayout(int lines, int valuesPerLine, long[] lineStarts) {
}
