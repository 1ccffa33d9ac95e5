package org.dlioparquet.core.dist;

import java.util.Map;
import org.dlioparquet.core.RankEnvironment;

/** Picks the collective of this process from how it was launched. */
public final class Collectives {
    private Collectives() {
    }

    /** {@link #open(Map)} with this process's environment. */
    public static Collective open() {
        return open(System.getenv());
    }

    /**
     * MPI when an MPI launcher started the process ({@code mpirun}, {@code mpiexec}, {@code srun}
     * with PMI or PMIx), otherwise one process on its own, as without any launcher.
     *
     * @throws CollectiveException one line, when MPI is needed and cannot be used, or when MPI
     *                             and the launcher disagree about the job
     */
    public static Collective open(Map<String, String> env) {
        return RankEnvironment.mpiLaunched(env) ? MpiCollective.start(env) : LocalCollective.single();
    }
}
