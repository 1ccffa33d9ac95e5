package org.dlioparquet.core.format.hdf5;

import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.config.Hdf5Config;
import org.dlioparquet.core.spi.FileSpec;

/**
 * DLIO's HDF5 shapes ({@code hdf5_generator.py}): each of the {@code k = num_dset_per_record}
 * datasets has shape {@code (samples, d1 / k, *rest)} (DLIO divides the first sample dimension
 * among them, and drops a leading 1 of {@code record_dims}); chunks are {@code chunk_dims} when
 * given, one sample per chunk when compressed without them (h5py would guess a shape), none otherwise.
 */
record Hdf5Layout(long[] shape, int[] chunks, int datasets) {

    static Hdf5Layout of(FileSpec spec, Hdf5Config hdf5, boolean compressed) {
        List<Integer> sample = new ArrayList<>(spec.sampleShape());
        if (sample.size() > 1 && sample.get(0) == 1) {
            sample.remove(0);
        }
        int k = hdf5.numDsetPerRecord();
        sample.set(0, sample.get(0) / k);
        long[] shape = new long[sample.size() + 1];
        shape[0] = spec.numSamples();
        for (int i = 0; i < sample.size(); i++) {
            shape[i + 1] = sample.get(i);
        }
        int[] chunks = null;
        if (!hdf5.chunkDims().isEmpty()) {
            chunks = new int[shape.length];
            for (int i = 0; i < shape.length; i++) { // a chunk no larger than the (jittered) dataset
                chunks[i] = (int) Math.max(1, Math.min(hdf5.chunkDims().get(i), shape[i]));
            }
        } else if (compressed) {
            chunks = new int[shape.length];
            chunks[0] = 1;
            for (int i = 1; i < shape.length; i++) {
                chunks[i] = (int) Math.max(1, shape[i]);
            }
        }
        return new Hdf5Layout(shape, chunks, k);
    }

    long elements() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
