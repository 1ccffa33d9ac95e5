package org.dlioparquet.core.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * The collective of processes that share one JVM. {@link #single()} is a process on its own (no
 * launcher): every operation returns at once with this process's own values. {@link #group(int)}
 * makes {@code size} members that meet through shared memory, one per thread; tests use it to run
 * the code of a multi-process job in one JVM, with the same semantics as MPI.
 */
public final class LocalCollective implements Collective {
    private final Rendezvous shared;
    private final int rank;
    private boolean completed;

    private LocalCollective(Rendezvous shared, int rank) {
        this.shared = shared;
        this.rank = rank;
    }

    /** One process alone: rank 0 of 1. */
    public static LocalCollective single() {
        return new LocalCollective(new Rendezvous(1), 0);
    }

    /** {@code size} members meeting in this JVM; member {@code i} is rank {@code i}, each used by its own thread. */
    public static List<Collective> group(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a group needs at least one member, not " + size);
        }
        Rendezvous shared = new Rendezvous(size);
        List<Collective> members = new ArrayList<>(size);
        for (int r = 0; r < size; r++) {
            members.add(new LocalCollective(shared, r));
        }
        return List.copyOf(members);
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return shared.size;
    }

    @Override
    public String description() {
        return shared.size == 1 ? "one process" : shared.size + " members in one JVM";
    }

    @Override
    public void barrier() {
        exchange(null);
    }

    @Override
    public double[] allreduce(double[] values, ReduceOp op) {
        Object[] all = exchange(values.clone());
        double[] out = ((double[]) all[0]).clone();
        for (int r = 1; r < all.length; r++) {
            double[] v = lengthChecked((double[]) all[r], out.length, r);
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (op) {
                    case SUM -> out[i] + v[i];
                    case MAX -> Math.max(out[i], v[i]);
                    case MIN -> Math.min(out[i], v[i]);
                };
            }
        }
        return out;
    }

    @Override
    public long[] allreduce(long[] values, ReduceOp op) {
        Object[] all = exchange(values.clone());
        long[] out = ((long[]) all[0]).clone();
        for (int r = 1; r < all.length; r++) {
            long[] v = lengthChecked((long[]) all[r], out.length, r);
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (op) {
                    case SUM -> out[i] + v[i];
                    case MAX -> Math.max(out[i], v[i]);
                    case MIN -> Math.min(out[i], v[i]);
                };
            }
        }
        return out;
    }

    @Override
    public List<byte[]> gather(byte[] mine) {
        List<byte[]> all = allgather(mine);
        return rank == 0 ? all : List.of();
    }

    @Override
    public List<byte[]> allgather(byte[] mine) {
        Object[] all = exchange(mine.clone());
        List<byte[]> out = new ArrayList<>(all.length);
        for (Object bytes : all) {
            out.add(((byte[]) bytes).clone());
        }
        return out;
    }

    @Override
    public byte[] broadcast(byte[] bytes) {
        Object[] all = exchange(rank == 0 ? bytes.clone() : null);
        return ((byte[]) all[0]).clone();
    }

    /** Makes every other member's pending and later operations fail with {@code message}; returns. */
    @Override
    public void abort(int code, String message) {
        shared.abort("rank " + rank + " aborted the job (code " + code + "): " + message);
    }

    @Override
    public void complete() {
        completed = true;
    }

    /** Without {@link #complete()}, the other members' pending and later operations fail, as under MPI. */
    @Override
    public void close() {
        if (!completed && shared.size > 1) {
            shared.abort("rank " + rank + " left the job before completing its part");
        }
    }

    /**
     * Puts this member's contribution where the others see it and returns every member's, in rank
     * order, once all have put theirs. The second barrier trip keeps a fast member's next
     * contribution from overwriting a slot a slow one has not read yet.
     */
    private Object[] exchange(Object mine) {
        if (shared.size == 1) {
            shared.checkNotAborted();
            return new Object[] {mine};
        }
        shared.slots[rank] = mine;
        shared.await();
        Object[] all = shared.slots.clone();
        shared.await();
        return all;
    }

    private static double[] lengthChecked(double[] v, int length, int rank) {
        if (v.length != length) {
            throw new CollectiveException("allreduce: rank " + rank + " gave " + v.length + " values, rank 0 gave "
                    + length);
        }
        return v;
    }

    private static long[] lengthChecked(long[] v, int length, int rank) {
        if (v.length != length) {
            throw new CollectiveException("allreduce: rank " + rank + " gave " + v.length + " values, rank 0 gave "
                    + length);
        }
        return v;
    }

    /** What the members share: their contributions and the barrier they meet at. */
    private static final class Rendezvous {
        final int size;
        final Object[] slots;
        final CyclicBarrier barrier;
        volatile String aborted;

        Rendezvous(int size) {
            this.size = size;
            this.slots = new Object[size];
            this.barrier = new CyclicBarrier(size);
        }

        void abort(String why) {
            if (aborted == null) {
                aborted = why;
            }
            barrier.reset();
        }

        void checkNotAborted() {
            String why = aborted;
            if (why != null) {
                throw new CollectiveException(why);
            }
        }

        void await() {
            checkNotAborted();
            try {
                barrier.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort("a member was interrupted while the others waited");
                throw new CollectiveException("interrupted while waiting for the other members");
            } catch (BrokenBarrierException e) {
                checkNotAborted();
                throw new CollectiveException("another member left the job");
            }
        }
    }
}
