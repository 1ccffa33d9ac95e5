package org.dlioparquet.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-JVM collective: one process alone, and a group of members that behaves as MPI ranks do. */
class LocalCollectiveTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aloneEveryOperationGivesBackTheProcesssOwnValues() {
        try (Collective c = LocalCollective.single()) {
            c.barrier();
            assertThat(c.rank()).isZero();
            assertThat(c.size()).isEqualTo(1);
            assertThat(c.allreduce(new double[] {1.5, -2}, ReduceOp.SUM)).containsExactly(1.5, -2);
            assertThat(c.allreduce(new long[] {7}, ReduceOp.MIN)).containsExactly(7);
            assertThat(c.gather(bytes("x"))).singleElement().isEqualTo(bytes("x"));
            assertThat(c.broadcast(bytes("seed"))).isEqualTo(bytes("seed"));
            assertThat(c.broadcast(99L)).isEqualTo(99L);
        }
    }

    @Test
    void aGroupCombinesEveryMembersValuesAsMpiWould() throws Exception {
        List<List<String>> results = onEveryMember(3, c -> {
            int r = c.rank();
            List<String> out = new ArrayList<>();
            out.add(str(c.allreduce(new double[] {r + 0.5, -r}, ReduceOp.SUM)));
            out.add(str(c.allreduce(new double[] {r + 0.5, -r}, ReduceOp.MAX)));
            out.add(str(c.allreduce(new double[] {r + 0.5, -r}, ReduceOp.MIN)));
            out.add(str(c.allreduce(new long[] {1L << 40, r}, ReduceOp.SUM)));
            out.add(str(c.allreduce(new long[] {r, -r}, ReduceOp.MAX)));
            out.add(str(c.allreduce(new long[] {r, -r}, ReduceOp.MIN)));
            out.add(strings(c.gather(bytes(r == 1 ? "" : "{\"rank\":" + r + "}"))));
            out.add(strings(c.allgather(bytes("r" + r))));
            out.add(new String(c.broadcast(r == 0 ? bytes("from 0") : null), StandardCharsets.UTF_8));
            out.add(Long.toString(c.broadcast(r == 0 ? 4242L : -r)));
            return out;
        });
        List<String> common = List.of("[4.5, -3.0]", "[2.5, 0.0]", "[0.5, -2.0]", "[3298534883328, 3]", "[2, 0]",
                "[0, -2]");
        for (int r = 0; r < 3; r++) {
            assertThat(results.get(r).subList(0, 6)).as("rank %d", r).isEqualTo(common);
            assertThat(results.get(r).get(6)).isEqualTo(r == 0 ? "[{\"rank\":0}, , {\"rank\":2}]" : "[]");
            assertThat(results.get(r).subList(7, 10)).isEqualTo(List.of("[r0, r1, r2]", "from 0", "4242"));
        }
    }

    @Test
    void backToBackOperationsNeverMixUpRounds() throws Exception {
        // a fast member's next contribution must not overwrite a slot a slow one still reads
        List<Long> sums = onEveryMember(4, c -> {
            long total = 0;
            for (int round = 0; round < 2_000; round++) {
                long s = c.allreduce((long) round * 10 + c.rank(), ReduceOp.SUM);
                if (s != round * 40L + 6) {
                    throw new AssertionError("round " + round + " got " + s);
                }
                total += s;
            }
            return total;
        });
        assertThat(sums).containsOnly(sums.get(0));
    }

    @Test
    void anAbortStopsTheMembersWaitingAndNamesTheFailingRank() throws Exception {
        List<Collective> group = LocalCollective.group(3);
        Future<?> r0 = pool.submit(() -> group.get(0).barrier());
        Future<?> r2 = pool.submit(() -> group.get(2).barrier());
        Thread.sleep(50);
        group.get(1).abort(3, "train/img_1_of_8.npz: not a zip file");
        for (Future<?> waiting : List.of(r0, r2)) {
            assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(CollectiveException.class)
                    .hasMessage("rank 1 aborted the job (code 3): train/img_1_of_8.npz: not a zip file");
        }
        assertThatThrownBy(() -> group.get(0).allreduce(1.0, ReduceOp.SUM)).hasMessageContaining("rank 1 aborted");
    }

    @Test
    void aMemberClosingWithoutCompletingStopsTheOthersAndOneThatCompletedDoesNot() throws Exception {
        List<Collective> group = LocalCollective.group(3);
        group.get(2).complete();
        group.get(2).close();
        Future<?> waiting = pool.submit(() -> group.get(0).barrier());
        Thread.sleep(50);
        assertThat(waiting).isNotDone();
        group.get(1).close();
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(CollectiveException.class)
                .hasMessage("rank 1 left the job before completing its part");
    }

    @Test
    void membersGivingDifferentLengthsToAnAllreduceAreTold() throws Exception {
        List<String> errors = onEveryMember(2, c -> {
            try {
                c.allreduce(new double[c.rank() + 1], ReduceOp.SUM);
                return "none";
            } catch (CollectiveException e) {
                return e.getMessage();
            }
        });
        assertThat(errors).containsOnly("allreduce: rank 1 gave 2 values, rank 0 gave 1");
    }

    private <T> List<T> onEveryMember(int size, Function<Collective, T> body) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (Collective c : LocalCollective.group(size)) {
            futures.add(pool.submit(() -> body.apply(c)));
        }
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get(30, TimeUnit.SECONDS));
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String str(double[] v) {
        return Arrays.toString(v);
    }

    private static String str(long[] v) {
        return Arrays.toString(v);
    }

    private static String strings(List<byte[]> all) {
        return all.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList().toString();
    }
}
