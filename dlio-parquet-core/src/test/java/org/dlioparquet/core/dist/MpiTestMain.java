package org.dlioparquet.core.dist;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One rank of the MPI tests, run under {@code mpirun} in a JVM of its own: {@code MpiTestMain
 * <scenario> [args]}. Prints {@code key=value} lines the tests read.
 */
public final class MpiTestMain {
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
            switch (args[0]) {
                case "collectives" -> collectives(c);
                case "fail" -> fail(c, Integer.parseInt(args[1]));
                case "stall" -> stall(c, Integer.parseInt(args[1]));
                case "bench" -> bench(c, Integer.parseInt(args[1]));
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }

    private static void collectives(Collective c) {
        int r = c.rank();
        say(c, "size=" + c.size() + " via=" + c.description());
        c.barrier();
        double[] sum = c.allreduce(new double[] {r + 0.5, 1.0}, ReduceOp.SUM);
        double[] max = c.allreduce(new double[] {r * 10.0, -r}, ReduceOp.MAX);
        double[] min = c.allreduce(new double[] {r * 10.0, -r}, ReduceOp.MIN);
        long[] lsum = c.allreduce(new long[] {1L << 40, r}, ReduceOp.SUM);
        long[] lmax = c.allreduce(new long[] {r, -r}, ReduceOp.MAX);
        long[] lmin = c.allreduce(new long[] {r, -r}, ReduceOp.MIN);
        say(c, "dsum=" + Arrays.toString(sum) + " dmax=" + Arrays.toString(max) + " dmin=" + Arrays.toString(min));
        say(c, "lsum=" + Arrays.toString(lsum) + " lmax=" + Arrays.toString(lmax) + " lmin=" + Arrays.toString(lmin));
        // lengths differ per rank, rank 1 sends nothing
        String json = r == 1 ? "" : "{\"rank\":" + r + ",\"pad\":\"" + "x".repeat(r * 7) + "\"}";
        List<byte[]> gathered = c.gather(json.getBytes(StandardCharsets.UTF_8));
        say(c, "gather=" + strings(gathered));
        say(c, "allgather=" + strings(c.allgather(("r" + r).getBytes(StandardCharsets.UTF_8))));
        byte[] b = c.broadcast(r == 0 ? "seed-from-0".getBytes(StandardCharsets.UTF_8) : null);
        say(c, "bcast=" + new String(b, StandardCharsets.UTF_8) + " bcastLong=" + c.broadcast(r == 0 ? 4242L : -1L));
        JobHosts hosts = JobHosts.exchange(c);
        say(c, "hosts=" + hosts.hosts() + " localRank=" + hosts.localRank() + " localSize=" + hosts.localSize());
    }

    /** Rank {@code failing} fails before the barrier the others wait in. */
    private static void fail(Collective c, int failing) {
        say(c, "ready");
        c.barrier();
        try {
            if (c.rank() == failing) {
                throw new IllegalStateException("train/img_1_of_8.npz: not a zip file");
            }
            c.barrier();
        } catch (IllegalStateException e) {
            c.abort(3, e.getMessage());
        }
        say(c, "passed the barrier");
    }

    /** Every rank prints its pid; rank {@code stalled} sleeps (to be killed) while the others wait in a barrier. */
    private static void stall(Collective c, int stalled) throws InterruptedException {
        c.barrier();
        say(c, "pid=" + ProcessHandle.current().pid());
        if (c.rank() == stalled) {
            Thread.sleep(Long.MAX_VALUE);
        }
        c.barrier();
        say(c, "passed the barrier");
    }

    /** {@code n} barriers after a warm-up; rank 0 prints the mean and the slowest rank's mean, in µs. */
    private static void bench(Collective c, int n) {
        for (int i = 0; i < Math.min(n, 200); i++) {
            c.barrier();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            c.barrier();
        }
        double mean = (System.nanoTime() - t0) / 1e3 / n;
        double slowest = c.allreduce(mean, ReduceOp.MAX);
        if (c.rank() == 0) {
            say(c, String.format(Locale.ROOT, "barrierMicros=%.1f slowestMicros=%.1f ranks=%d via=%s", mean, slowest,
                    c.size(), c.description()));
        }
    }

    private static String strings(List<byte[]> all) {
        return all.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList().toString();
    }

    private static void say(Collective c, String line) {
        System.out.println("rank" + c.rank() + " " + line);
        System.out.flush();
    }
}
