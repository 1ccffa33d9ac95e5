package org.dlioparquet.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which collective a process gets from how it was launched. */
class CollectivesTest {

    @Test
    void withoutALauncherAProcessIsOnItsOwn() {
        try (Collective c = Collectives.open(Map.of("PATH", "/usr/bin"))) {
            assertThat(c).isInstanceOf(LocalCollective.class);
            assertThat(c.size()).isEqualTo(1);
        }
    }

    @Test
    void slurmVariablesAloneDoNotStartMpi() {
        // a batch script has them too; without PMI the processes could not meet anyway
        try (Collective c = Collectives.open(Map.of("SLURM_PROCID", "0", "SLURM_NTASKS", "4"))) {
            assertThat(c).isInstanceOf(LocalCollective.class);
        }
    }

    @Test
    void underALauncherALibraryThatIsNotMpiIsOneLine() {
        Map<String, String> env = Map.of("PMI_RANK", "0", "PMI_SIZE", "2", "DLIO_MPI_LIB", "libz.so.1");
        assertThatThrownBy(() -> Collectives.open(env)).isInstanceOf(CollectiveException.class)
                .hasMessageStartingWith("libz.so.1 is not an MPI library: ").hasMessageContaining("undefined symbol: MPI_");
    }

    @Test
    void underALauncherAMissingLibraryIsOneLineNamingWhatWasTried() {
        Map<String, String> env = Map.of("OMPI_COMM_WORLD_RANK", "0", "OMPI_COMM_WORLD_SIZE", "2",
                "DLIO_MPI_LIB", "/nonexistent/libmpi.so.40");
        assertThatThrownBy(() -> Collectives.open(env)).isInstanceOf(CollectiveException.class)
                .hasMessage("an MPI launcher started this process but no MPI library could be loaded: tried "
                        + "/nonexistent/libmpi.so.40 (cannot open shared object file: No such file or directory), "
                        + "because DLIO_MPI_LIB is set; install the launcher's MPI library or set DLIO_MPI_LIB to "
                        + "its path");
    }
}
