package org.dlioparquet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rank and world size from the variables MPI launchers and Slurm set. */
class RankEnvironmentTest {

    @Test
    void openMpiComesFirstAndSaysWhereItCameFrom() {
        RankEnvironment env = RankEnvironment.detect(Map.of("OMPI_COMM_WORLD_RANK", "3", "OMPI_COMM_WORLD_SIZE", "8",
                "SLURM_PROCID", "1", "SLURM_NTASKS", "2"));
        assertThat(env).isEqualTo(new RankEnvironment(3, 8, "OMPI_COMM_WORLD_RANK/OMPI_COMM_WORLD_SIZE"));
    }

    @Test
    void slurmWhenNoMpiVariables() {
        assertThat(RankEnvironment.detect(Map.of("SLURM_PROCID", "1", "SLURM_NTASKS", "2")))
                .isEqualTo(new RankEnvironment(1, 2, "SLURM_PROCID/SLURM_NTASKS"));
    }

    @Test
    void malformedOrOutOfRangeValuesFallBackToOneProcess() {
        assertThat(RankEnvironment.detect(Map.of("PMI_RANK", "x", "PMI_SIZE", "4", "PMIX_RANK", "4", "PMIX_SIZE", "4")))
                .isEqualTo(new RankEnvironment(0, 1, "default"));
    }

    @Test
    void mpiLaunchersAreToldFromSlurmAlone() {
        assertThat(RankEnvironment.mpiLaunched(Map.of("OMPI_COMM_WORLD_RANK", "0", "OMPI_COMM_WORLD_SIZE", "2"))).isTrue();
        assertThat(RankEnvironment.mpiLaunched(Map.of("PMI_RANK", "0", "PMI_SIZE", "2"))).isTrue();
        assertThat(RankEnvironment.mpiLaunched(Map.of("PMIX_RANK", "0", "SLURM_PROCID", "0", "SLURM_NTASKS", "2"))).isTrue();
        assertThat(RankEnvironment.mpiLaunched(Map.of("SLURM_PROCID", "0", "SLURM_NTASKS", "2"))).isFalse();
        assertThat(RankEnvironment.detect(Map.of()).launched()).isFalse();
        assertThat(RankEnvironment.detect(Map.of("SLURM_PROCID", "0", "SLURM_NTASKS", "2")).launched()).isTrue();
    }
}
