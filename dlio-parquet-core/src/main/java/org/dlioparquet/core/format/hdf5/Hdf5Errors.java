package org.dlioparquet.core.format.hdf5;

import java.nio.file.Path;
import org.dlioparquet.core.DataFileException;

/**
 * jHDF's failures as data errors: it throws unchecked exceptions (its own, and buffer and index
 * errors for damaged files). A file from HDF5 2.0 with {@code libver='latest'} (data layout
 * message version 5, which DLIO's generator writes with a current h5py) gets a message that says
 * what to do.
 */
final class Hdf5Errors {
    static final String LAYOUT_V5 = "written with HDF5 2.0's newest format (data layout message version 5, "
            + "h5py libver='latest'), which jHDF 0.13 cannot read; rewrite it with h5py.File(..., "
            + "libver=('earliest', 'v114')) or HDF5 <= 1.14, or let dlio-parquet generate the dataset";

    interface Action<T> {
        T run() throws Exception;
    }

    private Hdf5Errors() {
    }

    /**
     * Runs one jHDF call on {@code channel}'s file. It may read at most a few times the file: more
     * means its metadata loops. A failed allocation is jHDF believing a damaged length (it
     * allocates what a header claims before reading it): one request larger than the heap, which
     * leaves the heap as it was, so it is reported as a damaged file rather than let through.
     */
    static <T> T call(Path file, CountingChannel channel, long fileSize, String what, Action<T> action)
            throws DataFileException {
        long budget = 4 * fileSize + (1 << 20);
        channel.budget(budget);
        try {
            return action.run();
        } catch (DataFileException e) {
            throw e;
        } catch (Exception | StackOverflowError e) { // jHDF's own, and Buffer/Index errors on damaged bytes
            if (channel.exhausted()) {
                throw new DataFileException(file, (what.isEmpty() ? "" : what + ": ") + "jHDF read more than "
                        + budget + " bytes of this " + fileSize + "-byte file in one step: its metadata loops "
                        + "(damaged file?)", e);
            }
            throw of(file, what, e);
        } catch (OutOfMemoryError e) {
            throw new DataFileException(file, (what.isEmpty() ? "" : what + ": ") + "jHDF tried to allocate more "
                    + "than the heap holds for a length in the metadata (damaged file?)", e);
        } finally {
            channel.budget(Long.MAX_VALUE);
        }
    }

    static DataFileException of(Path file, String what, Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String tm = t.getMessage();
            if (tm != null && tm.contains("data layout message version") && tm.contains("5")) {
                return new DataFileException(file, LAYOUT_V5, e);
            }
        }
        return new DataFileException(file, (what.isEmpty() ? "" : what + ": ") + "not a readable HDF5 file of DLIO's "
                + "layout: " + m, e);
    }
}
