package org.dlioparquet.core.dist;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A collective that counts its barriers and records how many threads were ever inside it at once:
 * MPI is started with {@code MPI_THREAD_SERIALIZED}, so that must stay one.
 */
class SerialCheckingCollective implements Collective {
    final AtomicInteger barriers = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger inside = new AtomicInteger();
    private final Collective delegate;

    SerialCheckingCollective(Collective delegate) {
        this.delegate = delegate;
    }

    @Override
    public int rank() {
        return delegate.rank();
    }

    @Override
    public int size() {
        return delegate.size();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public void barrier() {
        mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
        try {
            barriers.incrementAndGet();
            delegate.barrier();
        } finally {
            inside.decrementAndGet();
        }
    }

    @Override
    public double[] allreduce(double[] values, ReduceOp op) {
        return delegate.allreduce(values, op);
    }

    @Override
    public long[] allreduce(long[] values, ReduceOp op) {
        return delegate.allreduce(values, op);
    }

    @Override
    public List<byte[]> gather(byte[] mine) {
        return delegate.gather(mine);
    }

    @Override
    public List<byte[]> allgather(byte[] mine) {
        return delegate.allgather(mine);
    }

    @Override
    public byte[] broadcast(byte[] bytes) {
        return delegate.broadcast(bytes);
    }

    @Override
    public void abort(int code, String message) {
        delegate.abort(code, message);
    }

    @Override
    public void complete() {
        delegate.complete();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
