package org.dlioparquet.cli.bench;

import java.util.Map;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.RunResult;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.metrics.PhaseSummary;

/**
 * One training epoch through the real runner; reports the bytes the readers counted as read from
 * storage per second of the whole epoch (not DLIO's window of steps, which {@code PhaseSummary}'s
 * rates use: the FileChannel baseline it is compared with reads whole files too), and DLIO's samples/s.
 */
final class EpochWork implements ChildWork {
    private final WorkloadConfig config;

    EpochWork(WorkloadConfig config) {
        this.config = config;
    }

    @Override
    public RepMeasure rep() throws Exception {
        RunResult result = Dlio.run(config);
        PhaseSummary train = result.summary().epochs().get(0).train();
        double epochMiBps = train.seconds() > 0 ? train.storageBytes() / train.seconds() / (1 << 20) : 0;
        return RepMeasure.of(Map.of(RepMeasure.MIBPS, epochMiBps, RepMeasure.SAMPLESPS,
                train.samplesPerSecond(), RepMeasure.BYTES, (double) train.storageBytes(), "samples",
                (double) train.samples(), RepMeasure.SECONDS, train.seconds()));
    }
}
