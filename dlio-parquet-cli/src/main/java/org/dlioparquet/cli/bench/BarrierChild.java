package org.dlioparquet.cli.bench;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.dlioparquet.core.dist.Collective;
import org.dlioparquet.core.dist.Collectives;
import org.dlioparquet.core.dist.ProgressWatchdog;
import org.dlioparquet.core.dist.ReduceOp;
import org.dlioparquet.core.dist.StepBarrier;
import org.dlioparquet.core.internal.WorkerThreads;

/**
 * One rank of the bench's barrier case, started by {@code mpirun}: {@code steps} training-step
 * barriers after a warm-up, through the runner's {@link StepBarrier} with {@code threads}
 * accelerator threads, or bare {@code MPI_Barrier} calls for 0 threads. Rank 0 prints
 * {@code micros=<the slowest rank's mean per step>}.
 */
public final class BarrierChild {
    private BarrierChild() {
    }

    public static void main(String[] args) throws Exception {
        int steps = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        try (Collective job = Collectives.open()) {
            StepBarrier barrier = new StepBarrier("step", Math.max(1, threads), job, ProgressWatchdog.disabled());
            AtomicLong slowest = new AtomicLong();
            // a failing thread breaks the barrier, so that the others do not wait for it
            WorkerThreads.runAll("barrier", Math.max(1, threads), (worker, group) -> {
                for (int s = 0; s < Math.min(steps, 200); s++) {
                    step(job, barrier, threads);
                }
                long t0 = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    step(job, barrier, threads);
                }
                slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
            }, () -> barrier.fail(new IllegalStateException("a barrier thread failed")));
            double micros = job.allreduce(slowest.get() / 1e3 / steps, ReduceOp.MAX);
            if (job.rank() == 0) {
                System.out.printf(Locale.ROOT, "micros=%.3f%n", micros);
            }
            job.complete();
        }
    }

    private static void step(Collective job, StepBarrier barrier, int threads) throws Exception {
        if (threads == 0) {
            job.barrier();
        } else {
            barrier.await();
        }
    }
}
