package org.dlioparquet.core.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's own library comes first: another MPI's would give every process a world of one. */
class MpiLibrariesTest {

    @Test
    void openMpisMpirunLoadsOpenMpi() {
        assertThat(MpiLibraries.choose(Map.of("OMPI_COMM_WORLD_RANK", "1", "OMPI_COMM_WORLD_SIZE", "3",
                "PMIX_RANK", "1")).names()).containsExactly("libmpi.so.40");
    }

    @Test
    void hydraLoadsTheMpichAbi() {
        assertThat(MpiLibraries.choose(Map.of("PMI_RANK", "0", "PMI_SIZE", "2")).names())
                .containsExactly("libmpich.so.12", "libmpi.so.12");
    }

    @Test
    void aLauncherThatDoesNotSayTriesBoth() {
        MpiLibraries choice = MpiLibraries.choose(Map.of("PMIX_RANK", "0", "SLURM_PROCID", "0", "SLURM_NTASKS", "4"));
        assertThat(choice.names()).containsExactly("libmpi.so.40", "libmpich.so.12", "libmpi.so.12");
        assertThat(choice.because()).isEqualTo("the launcher does not say which MPI it belongs to");
    }

    @Test
    void theOverrideWins() {
        assertThat(MpiLibraries.choose(Map.of("OMPI_COMM_WORLD_RANK", "0", "OMPI_COMM_WORLD_SIZE", "2",
                "DLIO_MPI_LIB", " /opt/cray/libmpi_cray.so.12 "))).isEqualTo(
                new MpiLibraries(List.of("/opt/cray/libmpi_cray.so.12"), "DLIO_MPI_LIB is set"));
    }
}
