package org.dlioparquet.core.checkpoint;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.dist.Collective;

/**
 * The processes of a job ({@link Collective}: MPI under {@code mpirun}) as checkpoints need them.
 * Its failures are the collective's own ({@code CollectiveException}), which say which rank gave up.
 */
public final class CollectiveProcessGroup implements ProcessGroup {
    private final Collective job;

    public CollectiveProcessGroup(Collective job) {
        this.job = job;
    }

    /** {@link ProcessGroup#SOLO} for a job of one process, else the job's collective. */
    public static ProcessGroup of(Collective job) {
        return job.size() == 1 ? SOLO : new CollectiveProcessGroup(job);
    }

    @Override
    public void barrier() {
        job.barrier();
    }

    @Override
    public List<double[]> allGather(double[] values) {
        ByteBuffer mine = ByteBuffer.allocate(values.length * Double.BYTES);
        mine.asDoubleBuffer().put(values);
        List<double[]> all = new ArrayList<>(job.size());
        for (byte[] bytes : job.allgather(mine.array())) {
            double[] theirs = new double[bytes.length / Double.BYTES];
            ByteBuffer.wrap(bytes).asDoubleBuffer().get(theirs);
            all.add(theirs);
        }
        return all;
    }
}
