package org.dlioparquet.core.format.csv;

/**
 * What the open scan found: {@code lines} samples of {@code valuesPerLine} values each.
 *
 * @param index for uncompressed files, where the lines start; {@code null} for compressed files
 */
record CsvLayout(int lines, int valuesPerLine, LineIndex index) {
}
