/**
 * DLIO's {@code jpeg} and {@code png} formats: one 8-bit grayscale image per file, written and
 * decoded with {@code javax.imageio}; the reader checks the file's structure and hands out its
 * bytes, or the decoded pixels when {@code reader.columns: [pixels]} asks for decoding.
 * Internal: public only for the library's own packages (the providers are found with ServiceLoader).
 */
package org.dlioparquet.core.format.image;
