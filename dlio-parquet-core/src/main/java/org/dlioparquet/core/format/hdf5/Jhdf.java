package org.dlioparquet.core.format.hdf5;

import org.dlioparquet.core.DlioException;

/**
 * Whether jHDF is on the class path. The provider class itself never mentions a jHDF type, so the
 * ServiceLoader can create it (and every other provider) without jHDF; only using the format needs it.
 */
final class Jhdf {
    static final String MISSING = "format hdf5 needs jHDF (io.jhdf:jhdf:0.13.0), an optional dependency of "
            + "dlio-parquet-core that the command line and the Maven plugin carry; add it to your dependencies";

    private Jhdf() {
    }

    static boolean present() {
        try {
            Class.forName("io.jhdf.HdfFile", false, Jhdf.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static void require() {
        if (!present()) {
            throw new DlioException(MISSING);
        }
    }
}
