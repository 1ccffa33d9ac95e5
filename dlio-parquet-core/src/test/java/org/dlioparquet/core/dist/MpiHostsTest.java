package org.dlioparquet.core.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.dlioparquet.core.dist.MpiJob.Launcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ranks on two hosts: Open MPI starts one daemon per network namespace through an agent in
 * place of ssh, so the ranks meet over TCP and each sees a host name of its own.
 */
class MpiHostsTest {

    @TempDir
    Path dir;

    @Test
    void ranksOnTwoHostsMeetOverTcpAndListBothHosts() throws Exception {
        try (NetnsHosts hosts = NetnsHosts.create(dir)) {
            MpiJob job = MpiJob.launch(dir, Launcher.OPEN_MPI, 2, hosts.openMpiOptions(), Map.of(), "collectives");
            assertThat(job.waitFor(MpiJob.TIMEOUT_SECONDS)).as(job.output()).isZero();
            String list = hosts.names().toString();
            for (int r = 0; r < 2; r++) {
                assertThat(job.value(r, "hosts")).isEqualTo(list);
                assertThat(job.value(r, "localRank")).isEqualTo("0");
                assertThat(job.value(r, "localSize")).isEqualTo("1");
                assertThat(job.value(r, "dsum")).isEqualTo("[2.0, 2.0]");
                assertThat(job.value(r, "allgather")).isEqualTo("[r0, r1]");
                assertThat(job.value(r, "disagreement")).isEqualTo("null");
            }
            assertThat(job.value(0, "gather")).isEqualTo("[{\"rank\":0,\"pad\":\"\"}, ]");
        }
    }
}
