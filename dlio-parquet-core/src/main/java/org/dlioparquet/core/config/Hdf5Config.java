package org.dlioparquet.core.config;

import java.util.List;
import java.util.Objects;

/**
 * {@code dataset.hdf5}: DLIO's HDF5 layout.
 *
 * @param numDsetPerRecord datasets {@code records_0 .. records_{k-1}} per file; the first sample
 *                         dimension is divided among them
 * @param chunkDims        chunk shape (samples first); empty = contiguous unless compressed
 * @param maxShape         h5py's {@code maxshape} after the sample axis; not supported (must be empty)
 */
public record Hdf5Config(int numDsetPerRecord, List<Integer> chunkDims, List<Integer> maxShape) {
    public Hdf5Config {
        chunkDims = List.copyOf(Objects.requireNonNull(chunkDims, "chunkDims"));
        maxShape = List.copyOf(Objects.requireNonNull(maxShape, "maxShape"));
    }

    public static Hdf5Config defaults() {
        return new Hdf5Config(1, List.of(), List.of());
    }
}
