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

    public static RankEnvironment detect() {
        return detect(System.getenv());
    }

    static RankEnvironment detect(Map<String, String> env) {
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
}
