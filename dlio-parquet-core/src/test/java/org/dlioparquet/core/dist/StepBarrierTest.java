package org.dlioparquet.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** K accelerator threads per process and P processes behind one barrier: P·K accelerators. */
class StepBarrierTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void noAcceleratorOfTheJobPassesAStepBeforeAllHaveArrivedAndEachProcessMeetsTheJobOncePerStep()
            throws Exception {
        int processes = 2;
        int threads = 3;
        int steps = 300;
        AtomicLongArray arrivals = new AtomicLongArray(steps);
        List<Collective> group = LocalCollective.group(processes);
        List<SerialCheckingCollective> checked = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        for (Collective member : group) {
            SerialCheckingCollective c = new SerialCheckingCollective(member);
            checked.add(c);
            StepBarrier barrier = new StepBarrier("step", threads, c, ProgressWatchdog.disabled());
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int s = 0; s < steps; s++) {
                        arrivals.incrementAndGet(s);
                        barrier.await();
                        long seen = arrivals.get(s);
                        if (seen != processes * threads) {
                            throw new AssertionError("step " + s + " passed with " + seen + " arrivals");
                        }
                    }
                    return null;
                }));
            }
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        for (SerialCheckingCollective c : checked) {
            assertThat(c.barriers.get()).isEqualTo(steps);
            assertThat(c.mostAtOnce.get()).as("threads inside the collective at once").isEqualTo(1);
        }
    }

    @Test
    void theWaitReturnedIsTheTimeSpentWaitingForTheLatestAccelerator() throws Exception {
        StepBarrier barrier = new StepBarrier("step", 3, LocalCollective.single(), ProgressWatchdog.disabled());
        List<Future<Long>> early = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            early.add(pool.submit(barrier::await));
        }
        Thread.sleep(200);
        long lateWait = barrier.await();
        for (Future<Long> f : early) {
            assertThat(f.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
        }
        assertThat(lateWait).isLessThan(TimeUnit.MILLISECONDS.toNanos(150));
        assertThat(barrier.trips()).isEqualTo(1);
    }

    @Test
    void aFailedAcceleratorReleasesTheWaitingOnesAndEveryLaterArrivalWithItsCause() throws Exception {
        StepBarrier barrier = new StepBarrier("step", 3, LocalCollective.single(), ProgressWatchdog.disabled());
        Future<Long> waiting = pool.submit(barrier::await);
        Thread.sleep(50);
        IllegalStateException cause = new IllegalStateException("corrupt file");
        barrier.fail(cause);
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(BrokenBarrierException.class)
                .hasMessageContaining("corrupt file").hasCause(cause);
        // a thread that comes later must not wait for one that will never come
        assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class).hasCause(cause);
    }

    @Test
    void aFailingJobBarrierReachesTheLastThreadAsItselfAndTheOthersAsTheCause() throws Exception {
        CollectiveException down = new CollectiveException("MPI_Barrier failed with MPI error code 5");
        Collective failing = new SerialCheckingCollective(LocalCollective.group(2).get(0)) {
            @Override
            public void barrier() {
                throw down;
            }
        };
        StepBarrier barrier = new StepBarrier("step", 2, failing, ProgressWatchdog.disabled());
        Future<Long> first = pool.submit(barrier::await);
        Thread.sleep(50);
        assertThatThrownBy(barrier::await).isSameAs(down);
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(BrokenBarrierException.class)
                .hasCause(down);
    }

    @Test
    void theTripActionRunsOncePerTripBeforeAnyThreadGoesOn() throws Exception {
        AtomicInteger actions = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        StepBarrier barrier = new StepBarrier("epoch", 4, LocalCollective.single(), ProgressWatchdog.disabled(),
                actions::incrementAndGet);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            futures.add(pool.submit(() -> {
                for (int trip = 1; trip <= 50; trip++) {
                    barrier.await();
                    // no thread can start the next trip's action before this one has checked
                    if (actions.get() != trip) {
                        errors.add("after trip " + trip + " the action ran " + actions.get() + " times");
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertThat(errors).isEmpty();
        assertThat(actions.get()).isEqualTo(50);
    }

    @Test
    void theWatchdogSaysHowManyLocalAcceleratorsHaveArrived() throws Exception {
        List<String> lines = new ArrayList<>();
        try (ProgressWatchdog watchdog = ProgressWatchdog.start("rank 0 of 1", Duration.ofMillis(100),
                line -> {
                    synchronized (lines) {
                        lines.add(line);
                    }
                })) {
            StepBarrier barrier = new StepBarrier("step", 2, LocalCollective.single(), watchdog);
            Future<Long> waiting = pool.submit(barrier::await);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                synchronized (lines) {
                    if (!lines.isEmpty()) {
                        break;
                    }
                }
                Thread.sleep(20);
            }
            barrier.await();
            waiting.get(10, TimeUnit.SECONDS);
        }
        synchronized (lines) {
            assertThat(lines).isNotEmpty();
            assertThat(lines.get(0)).startsWith("rank 0 of 1: no progress for ")
                    .contains("on the step barrier (trip 1): 1 of 2 local accelerators arrived");
        }
    }
}
