package org.dlioparquet.core.checkpoint;

import java.io.IOException;
import java.util.List;

/**
 * The processes of a job, as checkpoints need them: each process runs some of the ranks, and
 * one call per process joins them all. {@link #SOLO} is a job of one process (all ranks in this
 * JVM); an MPI job plugs in its communicator here.
 */
public interface ProcessGroup {
    /** One process: nothing to wait for, nothing to exchange. */
    ProcessGroup SOLO = new ProcessGroup() {
        @Override
        public void barrier() {
            // the only process is already here
        }

        @Override
        public List<double[]> allGather(double[] values) {
            return List.of(values.clone());
        }
    };

    /** Returns once every process has called it. */
    void barrier() throws IOException;

    /** Every process's {@code values} (of any length), in process order, to every process. */
    List<double[]> allGather(double[] values) throws IOException;
}
