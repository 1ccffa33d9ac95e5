package org.dlioparquet.core.dist;

import java.util.List;
import java.util.Map;
import org.dlioparquet.core.RankEnvironment;

/**
 * Which {@code libmpi} to load, from the launcher that started the process. Loading another MPI's
 * library does not fail: it gives every process a world of its own (rank 0 of 1), so the
 * launcher's own library comes first.
 *
 * @param names   the library names (or paths) to try, in order
 * @param because why these, for error messages
 */
record MpiLibraries(List<String> names, String because) {
    /** Names or a path of the library to load instead of choosing one. */
    static final String OVERRIDE = "DLIO_MPI_LIB";

    static final String OPEN_MPI = "libmpi.so.40";
    /** Debian's and Fedora's MPICH; MPICH built from source, Intel MPI and MVAPICH name theirs {@code libmpi.so.12}. */
    static final List<String> MPICH_ABI = List.of("libmpich.so.12", "libmpi.so.12");

    static MpiLibraries choose(Map<String, String> env) {
        String override = env.get(OVERRIDE);
        if (override != null && !override.isBlank()) {
            return new MpiLibraries(List.of(override.trim()), OVERRIDE + " is set");
        }
        String from = RankEnvironment.detect(env).from();
        if (from.startsWith("OMPI_")) {
            return new MpiLibraries(List.of(OPEN_MPI), "OMPI_COMM_WORLD_SIZE is set (Open MPI's mpirun)");
        }
        if (from.startsWith("PMI_")) {
            return new MpiLibraries(MPICH_ABI, "PMI_RANK is set (MPICH's mpiexec or another PMI launcher)");
        }
        return new MpiLibraries(List.of(OPEN_MPI, MPICH_ABI.get(0), MPICH_ABI.get(1)),
                "the launcher does not say which MPI it belongs to");
    }
}
