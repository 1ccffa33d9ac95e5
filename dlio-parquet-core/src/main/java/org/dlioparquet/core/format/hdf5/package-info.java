/**
 * DLIO's {@code hdf5} format through jHDF ({@code io.jhdf:jhdf}, an optional dependency of the core):
 * datasets {@code records_0 .. records_{k-1}} of shape {@code (samples, *sample_shape)} and
 * {@code labels}; the reader takes the layout from jHDF and reads the data itself, chunk by chunk.
 * Internal: public only for the library's own packages (the provider is found with ServiceLoader).
 */
package org.dlioparquet.core.format.hdf5;
