package org.dlioparquet.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.RunMonitoring;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.RunResult;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.metrics.PhaseSummary;

/**
 * One training epoch through the real runner; reports the bytes the readers counted as read from
 * storage per second of the whole epoch (not DLIO's window of steps, which {@code PhaseSummary}'s
 * rates use: the FileChannel baseline it is compared with reads whole files too), and DLIO's samples/s.
 */
final class EpochWork implements ChildWork {
    /**
     * Requests the epoch made to a remote storage, or to the device with O_DIRECT (summary.json's
     * {@code dlio_parquet.storage.requests}), and the bytes they fetched ({@code bytes_fetched}).
     */
    static final String REQUESTS = "requests";
    static final String FETCHED = "fetched";

    /**
     * No report.html: it is written after the epoch, but the JIT compiles its rendering (formatting
     * thousands of chart numbers) while the next repetition's epoch runs, on the cores that epoch is
     * timed on; the FileChannel side has nothing of the kind.
     */
    private static final RunOptions NO_REPORT = RunOptions.defaults()
            .withMonitoring(RunMonitoring.defaults().withReport(false));

    private final WorkloadConfig config;

    EpochWork(WorkloadConfig config) {
        this.config = config;
    }

    @Override
    public RepMeasure rep() throws Exception {
        RunResult result = Dlio.run(config, NO_REPORT);
        PhaseSummary train = result.summary().epochs().get(0).train();
        double epochMiBps = train.seconds() > 0 ? train.storageBytes() / train.seconds() / (1 << 20) : 0;
        Map<String, Double> m = new HashMap<>(Map.of(RepMeasure.MIBPS, epochMiBps, RepMeasure.SAMPLESPS,
                train.samplesPerSecond(), RepMeasure.BYTES, (double) train.storageBytes(), "samples",
                (double) train.samples(), RepMeasure.SECONDS, train.seconds()));
        JsonNode storage = new ObjectMapper().readTree(result.outputFolder().resolve("summary.json").toFile())
                .path("dlio_parquet").path("storage");
        if (storage.has(REQUESTS)) {
            m.put(REQUESTS, storage.get(REQUESTS).asDouble());
            m.put(FETCHED, storage.path("bytes_fetched").asDouble());
        }
        return RepMeasure.of(m);
    }
}
