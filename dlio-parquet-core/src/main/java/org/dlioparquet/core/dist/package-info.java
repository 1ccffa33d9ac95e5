/**
 * Who else runs: the processes of one job and how they meet. {@link org.dlioparquet.core.dist.Collective}
 * is the seam (rank, size, barrier, allreduce, gather, broadcast, abort); {@link
 * org.dlioparquet.core.dist.Collectives#open()} picks the implementation from the launcher's environment:
 * MPI ({@code libmpi} of Open MPI or MPICH through JNA) under {@code mpirun}/{@code srun}, otherwise one
 * process on its own. {@link org.dlioparquet.core.dist.StepBarrier} puts the accelerator threads of
 * one process and the processes of the job behind one barrier; {@link
 * org.dlioparquet.core.dist.ProgressWatchdog} says what a stalled rank waits on.
 *
 * <p>Internal: public only for the library's own packages.
 */
package org.dlioparquet.core.dist;
