/**
 * Who else runs: the processes of one job and how they meet. {@link org.dlioparquet.core.dist.Collective}
 * is the seam (rank, size, barrier, allreduce, gather, broadcast, abort); {@link
 * org.dlioparquet.core.dist.Collectives#open()} picks the implementation from the launcher's environment:
 * MPI ({@code libmpi} of Open MPI or MPICH through JNA) under {@code mpirun}/{@code srun}, otherwise one
 * process on its own. {@link org.dlioparquet.core.dist.StepBarrier} puts the accelerator threads of
 * one process and the processes of the job behind one barrier; {@link
 * org.dlioparquet.core.dist.ProgressWatchdog} says what a stalled rank waits on.
 *
 * <p>API: {@link org.dlioparquet.core.dist.Collective}, {@link org.dlioparquet.core.dist.Collectives},
 * {@link org.dlioparquet.core.dist.LocalCollective}, {@link org.dlioparquet.core.dist.ReduceOp} and
 * {@link org.dlioparquet.core.dist.CollectiveException}, so that a program can run the library as one
 * rank of an MPI job ({@code RunOptions.withCollective}). Everything else here is internal: public only
 * for the library's own packages.
 */
package org.dlioparquet.core.dist;
