package org.dlioparquet.core.dist;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One rank of the MPI tests, run under {@code mpirun} in a JVM of its own: {@code MpiTestMain
 * <scenario> [args]}. Prints {@code rank<r> key=value} lines (one key a line) the tests read.
 */
public final class MpiTestMain {
    private static final int THREADS = 2;

    private MpiTestMain() {
    }

    public static void main(String[] args) throws Exception {
        Collective c;
        try {
            c = Collectives.open();
        } catch (CollectiveException e) {
            System.out.println("error=" + e.getMessage());
            System.out.flush();
            System.exit(2);
            return;
        }
        try (c) {
            say(c, "startedMillis=" + ManagementFactory.getRuntimeMXBean().getUptime());
            switch (args[0]) {
                case "collectives" -> {
                    collectives(c);
                    survivesNullChecks(c);
                    steps(c);
                }
                case "fail" -> fail(c, Integer.parseInt(args[1]));
                case "throw" -> throwFrom(c, Integer.parseInt(args[1]));
                case "stall" -> stall(c, Integer.parseInt(args[1]));
                case "bench" -> bench(c, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
                default -> throw new IllegalArgumentException(args[0]);
            }
            c.complete();
        }
    }

    private static void collectives(Collective c) {
        int r = c.rank();
        say(c, "size=" + c.size());
        say(c, "via=" + c.description());
        c.barrier();
        say(c, "dsum=" + Arrays.toString(c.allreduce(new double[] {r + 0.5, 1.0}, ReduceOp.SUM)));
        say(c, "dmax=" + Arrays.toString(c.allreduce(new double[] {r * 10.0, -r}, ReduceOp.MAX)));
        say(c, "dmin=" + Arrays.toString(c.allreduce(new double[] {r * 10.0, -r}, ReduceOp.MIN)));
        say(c, "lsum=" + Arrays.toString(c.allreduce(new long[] {1L << 40, r}, ReduceOp.SUM)));
        say(c, "lmax=" + Arrays.toString(c.allreduce(new long[] {r, -r}, ReduceOp.MAX)));
        say(c, "lmin=" + Arrays.toString(c.allreduce(new long[] {r, -r}, ReduceOp.MIN)));
        // lengths differ per rank, and rank 1 sends nothing
        String json = r == 1 ? "" : "{\"rank\":" + r + ",\"pad\":\"" + "x".repeat(r * 7) + "\"}";
        say(c, "gather=" + strings(c.gather(json.getBytes(StandardCharsets.UTF_8))));
        say(c, "allgather=" + strings(c.allgather(("r" + r).getBytes(StandardCharsets.UTF_8))));
        byte[] b = c.broadcast(r == 0 ? "seed-from-0".getBytes(StandardCharsets.UTF_8) : null);
        say(c, "bcast=" + new String(b, StandardCharsets.UTF_8));
        say(c, "bcastLong=" + c.broadcast(r == 0 ? 4242L : -1L));
        JobHosts hosts = JobHosts.exchange(c);
        say(c, "hosts=" + hosts.hosts());
        say(c, "localRank=" + hosts.localRank());
        say(c, "localSize=" + hosts.localSize());
    }

    /**
     * HotSpot turns null checks into SIGSEGV it handles itself; an MPI library (UCX) that took the
     * signal over would crash the JVM here.
     */
    private static void survivesNullChecks(Collective c) {
        int caught = 0;
        for (int i = 0; i < 100_000; i++) {
            try {
                String s = i >= 0 ? null : "x";
                s.length();
            } catch (NullPointerException e) {
                caught++;
            }
        }
        say(c, "npes=" + caught);
    }

    /**
     * Two accelerator threads per rank behind one StepBarrier; rank 2 arrives a second late at the
     * first step, so the others wait (and their watchdog says on what); then every trip is checked
     * to be the same trip on every rank.
     */
    private static void steps(Collective c) throws Exception {
        int steps = 30;
        AtomicLong firstWait = new AtomicLong(Long.MAX_VALUE);
        AtomicReference<String> disagreement = new AtomicReference<>();
        AtomicLong trip = new AtomicLong();
        c.barrier();
        try (ProgressWatchdog watchdog = ProgressWatchdog.start("rank " + c.rank() + " of " + c.size(),
                Duration.ofMillis(150), line -> say(c, "watchdog=" + line))) {
            StepBarrier barrier = new StepBarrier("step", THREADS, c, watchdog, () -> {
                long t = trip.incrementAndGet();
                if (c.allreduce(t, ReduceOp.MIN) != c.allreduce(t, ReduceOp.MAX)) {
                    disagreement.compareAndSet(null, "trip " + t);
                }
            });
            runThreads(i -> {
                if (c.rank() == 2) {
                    Thread.sleep(1_000);
                }
                firstWait.accumulateAndGet(barrier.await(), Math::min);
                for (int s = 1; s < steps; s++) {
                    barrier.await();
                }
            });
        }
        say(c, "firstWaitMillis=" + firstWait.get() / 1_000_000);
        say(c, "trips=" + trip.get());
        say(c, "disagreement=" + disagreement.get());
    }

    /**
     * As the runner does: accelerator thread 1 of rank {@code failing} throws at step 3; it breaks
     * the local barrier, and once its threads are joined the process aborts the job. The other
     * ranks wait in the job's barrier meanwhile.
     */
    private static void fail(Collective c, int failing) throws Exception {
        StepBarrier barrier = new StepBarrier("step", THREADS, c, ProgressWatchdog.disabled());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        runThreads(i -> {
            try {
                for (int s = 0; s < 1_000; s++) {
                    if (c.rank() == failing && i == 1 && s == 3) {
                        throw new IllegalStateException("train/img_1_of_8.npz: not a zip file");
                    }
                    barrier.await();
                }
            } catch (BrokenBarrierException e) {
                // the failure that broke it is reported
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                barrier.fail(e);
            }
        });
        if (failure.get() != null) {
            say(c, "abortingAt=" + System.currentTimeMillis());
            c.abort(3, "accelerator 1: " + failure.get().getMessage());
        }
        say(c, "finished");
    }

    /**
     * Rank {@code failing} lets an exception out of the block that opened the collective, without
     * aborting, while the others wait in a barrier.
     */
    private static void throwFrom(Collective c, int failing) {
        c.barrier();
        if (c.rank() == failing) {
            throw new IllegalStateException("an error nobody caught");
        }
        c.barrier();
        say(c, "finished");
    }

    /** Every rank prints its pid; rank {@code stalled} sleeps (to be killed) while the others wait in a barrier. */
    private static void stall(Collective c, int stalled) throws InterruptedException {
        c.barrier();
        say(c, "pid=" + ProcessHandle.current().pid());
        if (c.rank() == stalled) {
            Thread.sleep(Long.MAX_VALUE);
        }
        c.barrier();
        say(c, "finished");
    }

    /**
     * {@code n} steps after a warm-up, each a {@link StepBarrier} of {@code threads} accelerator
     * threads or, for 0 threads, a bare {@link Collective#barrier()}; rank 0 prints µs per step.
     */
    private static void bench(Collective c, int n, int threads) throws Exception {
        StepBarrier barrier = new StepBarrier("step", Math.max(1, threads), c, ProgressWatchdog.disabled());
        AtomicLong elapsed = new AtomicLong();
        runThreads(Math.max(1, threads), i -> {
            for (int s = 0; s < Math.min(n, 200); s++) {
                step(c, barrier, threads);
            }
            long t0 = System.nanoTime();
            for (int s = 0; s < n; s++) {
                step(c, barrier, threads);
            }
            elapsed.accumulateAndGet(System.nanoTime() - t0, Math::max);
        });
        double mean = elapsed.get() / 1e3 / n;
        double slowest = c.allreduce(mean, ReduceOp.MAX);
        if (c.rank() == 0) {
            say(c, String.format(Locale.ROOT, "stepMicros=%.1f slowestMicros=%.1f ranks=%d threads=%d via=%s", mean,
                    slowest, c.size(), threads, c.description()));
        }
    }

    private static void step(Collective c, StepBarrier barrier, int threads) throws BrokenBarrierException {
        if (threads == 0) {
            c.barrier();
        } else {
            barrier.await();
        }
    }

    private interface Body {
        void run(int thread) throws Exception;
    }

    private static void runThreads(Body body) throws Exception {
        runThreads(THREADS, body);
    }

    private static void runThreads(int n, Body body) throws Exception {
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    body.run(index);
                } catch (Throwable e) {
                    error.compareAndSet(null, e);
                }
            }, "dlio-accelerator-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (error.get() instanceof Exception e) {
            throw e;
        }
        if (error.get() instanceof Error e) {
            throw e;
        }
    }

    private static String strings(List<byte[]> all) {
        return all.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList().toString();
    }

    private static void say(Collective c, String line) {
        synchronized (System.out) {
            System.out.println("rank" + c.rank() + " " + line);
            System.out.flush();
        }
    }
}
