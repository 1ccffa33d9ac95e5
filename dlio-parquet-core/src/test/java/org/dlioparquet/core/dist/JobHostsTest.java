package org.dlioparquet.core.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The host list of the summary and each process's place on its host. */
class JobHostsTest {

    @Test
    void hostsInOrderOfTheirFirstRankAndLocalRanksCountedPerHost() {
        List<String> of = List.of("n01", "n02", "n01", "n03", "n02", "n01");
        assertThat(new JobHosts(of, 0).hosts()).containsExactly("n01", "n02", "n03");
        assertThat(new JobHosts(of, 5).localRank()).isEqualTo(2);
        assertThat(new JobHosts(of, 5).localSize()).isEqualTo(3);
        assertThat(new JobHosts(of, 4).localRank()).isEqualTo(1);
        assertThat(new JobHosts(of, 3).localSize()).isEqualTo(1);
        assertThat(new JobHosts(of, 3).host()).isEqualTo("n03");
    }

    @Test
    void exchangedOverTheJobEveryProcessSeesTheSameList() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<JobHosts>> futures = new ArrayList<>();
            for (Collective c : LocalCollective.group(3)) {
                futures.add(pool.submit(() -> JobHosts.exchange(c)));
            }
            String me = JobHosts.localHostname();
            for (int r = 0; r < 3; r++) {
                JobHosts h = futures.get(r).get(30, TimeUnit.SECONDS);
                assertThat(h.hostOfRank()).containsExactly(me, me, me);
                assertThat(h.localRank()).isEqualTo(r);
                assertThat(h.localSize()).isEqualTo(3);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
