package org.dlioparquet.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dlioparquet.core.dist.Collective;
import org.dlioparquet.core.dist.LocalCollective;
import org.junit.jupiter.api.Test;

class CollectiveProcessGroupTest {

    @Test
    void everyProcessGetsEveryProcesssValuesInRankOrderWhateverTheirLengths() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<double[]>>> futures = new ArrayList<>();
            for (Collective c : LocalCollective.group(3)) {
                futures.add(pool.submit(() -> {
                    ProcessGroup group = CollectiveProcessGroup.of(c);
                    group.barrier();
                    double[] mine = new double[c.rank()];
                    for (int i = 0; i < mine.length; i++) {
                        mine[i] = c.rank() + i / 10.0;
                    }
                    return group.allGather(mine);
                }));
            }
            for (Future<List<double[]>> f : futures) {
                assertThat(f.get(30, TimeUnit.SECONDS)).containsExactly(new double[0], new double[] {1.0},
                        new double[] {2.0, 2.1});
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aJobOfOneProcessIsSolo() {
        assertThat(CollectiveProcessGroup.of(LocalCollective.single())).isSameAs(ProcessGroup.SOLO);
    }
}
