/**
 * Internal: the NPY format provider, and the NPY array reading and writing NPZ shares
 * ({@code NpyHeader}, {@code NpyArrayReader}, {@code SampleArrayWriter}, the sample-last transpose, the
 * {@code SpareArrays} a closed file's transposed array goes back to).
 */
package org.dlioparquet.core.format.npy;
