package org.dlioparquet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadLaneTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void atMostTheWidthRunAtOnce() throws Exception {
        ReadLane lane = new ReadLane(pool, 2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(6);
        for (int i = 0; i < 6; i++) {
            lane.execute(new FutureTask<>(() -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.sleep(50);
                running.decrementAndGet();
                done.countDown();
                return null;
            }));
        }

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(peak.get()).isEqualTo(2);
    }

    @Test
    void aLaneOfWidthOneRunsItsTasksInTheOrderGivenAndRunsMoreAfterIdling() throws Exception {
        ReadLane lane = new ReadLane(pool, 1);
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<FutureTask<Integer>> tasks = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            int task = i;
            FutureTask<Integer> t = new FutureTask<>(() -> {
                order.add(task);
                return task;
            });
            tasks.add(t);
            lane.execute(t);
        }
        for (FutureTask<Integer> t : tasks) {
            t.get(10, TimeUnit.SECONDS);
        }
        assertThat(order).containsExactly(0, 1, 2, 3, 4);

        Thread.sleep(50); // the lane's thread has found its queue empty and gone back to the pool
        FutureTask<Integer> later = new FutureTask<>(() -> 5);
        lane.execute(later);
        assertThat(later.get(10, TimeUnit.SECONDS)).isEqualTo(5);
    }
}
