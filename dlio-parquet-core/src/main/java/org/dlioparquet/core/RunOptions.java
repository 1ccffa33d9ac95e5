package org.dlioparquet.core;

import java.nio.file.Path;
import java.util.Objects;
import org.dlioparquet.core.dist.Collective;
import org.dlioparquet.core.dist.LocalCollective;

/**
 * How to run a workload, beyond what the workload says.
 *
 * @param accelerators emulated accelerators in this process (DLIO's MPI ranks on one host)
 * @param rankOffset   global rank of this process's first accelerator (multi-host runs)
 * @param worldSize    accelerators over all hosts; samples are sharded over all of them
 * @param outputFolder where result files go; {@code null} = {@code output.folder}, or
 *                     {@code output/<model>/<timestamp>} below the working directory
 * @param listener     progress and log lines
 * @param generation   options for {@code workflow.generate_data}
 * @param monitoring   progress calls, stall messages and {@code report.html}
 * @param collective   the processes of the job this process belongs to (an MPI job), or this
 *                     process alone; the caller opens and closes it
 */
public record RunOptions(int accelerators, int rankOffset, int worldSize, Path outputFolder, RunListener listener,
                         GenerationOptions generation, RunMonitoring monitoring, Collective collective) {
    public RunOptions {
        if (accelerators < 1) {
            throw new IllegalArgumentException("accelerators must be >= 1, got " + accelerators);
        }
        if (rankOffset < 0 || rankOffset + accelerators > worldSize) {
            throw new IllegalArgumentException("ranks " + rankOffset + ".." + (rankOffset + accelerators - 1)
                    + " do not fit a world of " + worldSize);
        }
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(monitoring, "monitoring");
        Objects.requireNonNull(collective, "collective");
    }

    public static RunOptions defaults() {
        return new RunOptions(1, 0, 1, null, RunListener.NONE, GenerationOptions.defaults(), RunMonitoring.defaults(),
                LocalCollective.single());
    }

    /** {@code n} accelerators in this process and nowhere else. */
    public RunOptions withAccelerators(int n) {
        return new RunOptions(n, 0, n, outputFolder, listener, generation, monitoring, collective);
    }

    /** This process runs accelerators {@code offset .. offset+n-1} of {@code world}. */
    public RunOptions withRanks(int n, int offset, int world) {
        return new RunOptions(n, offset, world, outputFolder, listener, generation, monitoring, collective);
    }

    public RunOptions withOutputFolder(Path folder) {
        return new RunOptions(accelerators, rankOffset, worldSize, folder, listener, generation, monitoring, collective);
    }

    public RunOptions withListener(RunListener value) {
        return new RunOptions(accelerators, rankOffset, worldSize, outputFolder, value, generation, monitoring, collective);
    }

    public RunOptions withGeneration(GenerationOptions value) {
        return new RunOptions(accelerators, rankOffset, worldSize, outputFolder, listener, value, monitoring, collective);
    }

    public RunOptions withMonitoring(RunMonitoring value) {
        return new RunOptions(accelerators, rankOffset, worldSize, outputFolder, listener, generation, value, collective);
    }

    /**
     * Runs as one process of {@code job}: its accelerators meet those of the other processes at
     * every step and epoch, share rank 0's shuffle seed, and rank 0 writes the job's summary. The
     * ranks must say where this process's accelerators sit ({@link #withRanks}).
     */
    public RunOptions withCollective(Collective job) {
        return new RunOptions(accelerators, rankOffset, worldSize, outputFolder, listener, generation, monitoring, job);
    }
}
