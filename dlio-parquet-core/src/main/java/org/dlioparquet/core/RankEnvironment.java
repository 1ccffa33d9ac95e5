package org.dlioparquet.core;

import java.util.Map;

/**
 * The rank and world size an MPI or Slurm launcher gives a process ({@code mpirun -np 8
 * dlio-parquet datagen ...}), so that each process writes its share without extra flags.
 *
 * @param rank  this process's rank
 * @param ranks number of processes
 * @param from  the variables the values came from, or {@code default}
 */
public record RankEnvironment(int rank, int ranks, String from) {
    private static final String[][] VARIABLES = {
            {"OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE"},
            {"PMIX_RANK", "PMIX_SIZE"},
            {"PMI_RANK", "PMI_SIZE"},
            {"SLURM_PROCID", "SLURM_NTASKS"},
    };

    /** How an MPI launcher (or a PMI/PMIx server such as {@code srun --mpi=pmix}) marks its processes. */
    private static final String[] MPI_RANK_VARIABLES = {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"};

    public static RankEnvironment detect() {
        return detect(System.getenv());
    }

    /** The rank and size {@code env} gives, or rank 0 of 1 ({@code default}) when no launcher set them. */
    public static RankEnvironment detect(Map<String, String> env) {
        for (String[] pair : VARIABLES) {
            String rank = env.get(pair[0]);
            String size = env.get(pair[1]);
            if (rank != null && size != null) {
                try {
                    int r = Integer.parseInt(rank.trim());
                    int s = Integer.parseInt(size.trim());
                    if (s >= 1 && r >= 0 && r < s) {
                        return new RankEnvironment(r, s, pair[0] + "/" + pair[1]);
                    }
                } catch (NumberFormatException e) {
                    // not a launcher's value; try the next pair
                }
            }
        }
        return new RankEnvironment(0, 1, "default");
    }

    /**
     * True when an MPI launcher started this process, so that MPI itself must say its rank and
     * size ({@code org.dlioparquet.core.dist.Collectives}). Slurm's variables alone do not count: a
     * batch script has them too, and without PMI the processes cannot meet.
     */
    public static boolean mpiLaunched(Map<String, String> env) {
        for (String name : MPI_RANK_VARIABLES) {
            if (env.containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    /** True when the values came from a launcher's variables, not the one-process default. */
    public boolean launched() {
        return !"default".equals(from);
    }
}
