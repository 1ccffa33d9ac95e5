package org.dlioparquet.core.dist;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The processes of one job and the operations by which they meet: DLIO's barrier per step, the
 * reductions of its end-of-run metrics, the gather of per-rank results to rank 0 and the broadcast
 * of rank 0's choices (such as the shuffle seed).
 *
 * <p>A rank here is a <em>process</em>; the accelerator threads a process runs ({@code -n K}) meet
 * through a {@link StepBarrier} on top of it. Every process calls each operation in the same order
 * (as with MPI). Calls must not overlap: one thread at a time may use a collective (any thread, but
 * one after another, which {@link StepBarrier} guarantees for its barrier). {@link #abort} is the
 * exception: any thread may call it at any time.
 */
public interface Collective extends AutoCloseable {

    /** This process's rank, {@code 0 <= rank < size}. */
    int rank();

    /** The number of processes in the job. */
    int size();

    /** What the processes meet through, for logs and the summary: "one process", "Open MPI v4.1.4", ... */
    String description();

    /** Returns when every process has called it. */
    void barrier();

    /** Element-wise combination of every process's {@code values} (same length everywhere); every process gets it. */
    double[] allreduce(double[] values, ReduceOp op);

    /** Element-wise combination of every process's {@code values} (same length everywhere); every process gets it. */
    long[] allreduce(long[] values, ReduceOp op);

    /**
     * Every process's bytes (any length each) at rank 0, in rank order; the other processes get an
     * empty list.
     */
    List<byte[]> gather(byte[] mine);

    /** Every process's bytes (any length each), in rank order, at every process. */
    List<byte[]> allgather(byte[] mine);

    /** Rank 0's {@code bytes} at every process; the argument is ignored (may be null) elsewhere. */
    byte[] broadcast(byte[] bytes);

    /**
     * Ends the whole job because this process failed. Under MPI it writes {@code message}, naming
     * this rank and host, to standard error and does not return: the launcher stops every process
     * and the job exits with {@code code}. In one JVM ({@link LocalCollective}) it returns; the
     * other members' pending and later operations fail with a {@link CollectiveException} naming
     * this rank and {@code message}, and the caller reports its failure as usual.
     */
    void abort(int code, String message);

    /**
     * Says this process has done its part; the {@link #close()} that follows then leaves the job
     * normally. Call it last, after the final collective operation.
     */
    void complete();

    /**
     * Leaves the job. After {@link #complete()} this is the normal end ({@code MPI_Finalize},
     * which waits for every process to get there). Without it the process is taken to have failed
     * (an exception left the block that opened the collective): it ends the whole job as {@link
     * #abort} does, because a normal end would wait for ranks that are themselves waiting for this
     * one. No operation may follow; MPI cannot be started again in the same process.
     */
    @Override
    void close();

    /** One value combined over every process. */
    default double allreduce(double value, ReduceOp op) {
        return allreduce(new double[] {value}, op)[0];
    }

    /** One value combined over every process. */
    default long allreduce(long value, ReduceOp op) {
        return allreduce(new long[] {value}, op)[0];
    }

    /** Rank 0's {@code value} at every process (a seed, a count); the argument is ignored elsewhere. */
    default long broadcast(long value) {
        byte[] mine = rank() == 0 ? ByteBuffer.allocate(Long.BYTES).putLong(value).array() : null;
        return ByteBuffer.wrap(broadcast(mine)).getLong();
    }
}
