package org.dlioparquet.cli.bench;

import java.util.List;
import java.util.Map;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.RunResult;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.metrics.CheckpointOp;
import org.dlioparquet.core.metrics.JobCheckpoint;

/**
 * One checkpoint-only run through the real workflow, {@code ranks} ranks in this JVM, saving or
 * loading one checkpoint: reports the job's figure as MLPerf defines it, all ranks' bytes over the
 * slowest rank's time. A save starts as {@link FileChannelWrites} does, untimed: the previous
 * repetition's checkpoint deleted (else the save would also pay for freeing its blocks when it
 * replaces them) and the machine's dirty pages written back.
 */
final class CheckpointWork implements ChildWork {
    private final WorkloadConfig config;
    private final int ranks;
    private final CheckpointOp op;

    CheckpointWork(WorkloadConfig config, int ranks, CheckpointOp op) {
        this.config = config;
        this.ranks = ranks;
        this.op = op;
    }

    @Override
    public RepMeasure rep() throws Exception {
        if (op == CheckpointOp.SAVE) {
            FileTrees.delete(config.checkpointFolderPath());
            PageCache.sync();
        }
        RunResult result = Dlio.run(config, RunOptions.defaults().withAccelerators(ranks));
        List<JobCheckpoint> done = result.checkpointSummary().orElseThrow().of(op);
        JobCheckpoint c = done.get(0);
        return RepMeasure.of(Map.of(RepMeasure.MIBPS, c.bytes() / c.seconds() / (1 << 20), RepMeasure.BYTES,
                (double) c.bytes(), RepMeasure.SECONDS, c.seconds(), RepMeasure.THREADS, (double) ranks));
    }
}
