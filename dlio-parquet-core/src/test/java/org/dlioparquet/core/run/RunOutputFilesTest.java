package org.dlioparquet.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.metrics.PhaseSummary;
import org.dlioparquet.core.metrics.RunSummary;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.testing.RawBinFormatProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result files of a run as DLIO writes them, and the basis of their rates. */
class RunOutputFilesTest {
    private static final FormatRegistry REGISTRY = FormatRegistry.of(List.of(new RawBinFormatProvider()));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    @TempDir
    Path dir;

    /** 8 files x 4 samples of 1 KiB, batch 4, 3 epochs, evaluation of 4 files after each. */
    private RunSummary run(String... overrides) throws IOException {
        return Dlio.run(new WorkloadLoader(REGISTRY).baseDirectory(dir).load("""
                model: {name: files}
                workflow: {generate_data: True, train: True, evaluation: True}
                dataset: {format: rawbin, num_files_train: 8, num_files_eval: 4, num_samples_per_file: 4,
                          record_length_bytes: 1024}
                reader: {batch_size: 4, batch_size_eval: 4, read_threads: 1}
                train: {epochs: 3, computation_time: 0.003}
                evaluation: {eval_time: 0.001}
                """, "files.yaml", List.of(overrides)), RunOptions.defaults().withOutputFolder(dir.resolve("out")))
                .summary();
    }

    private JsonNode read(String file) throws IOException {
        return JSON.readTree(dir.resolve("out").resolve(file).toFile());
    }

    private static void assertDurationIsEndMinusStart(JsonNode span, String what) {
        Duration d = Duration.between(LocalDateTime.parse(span.get("start").asText(), TIME),
                LocalDateTime.parse(span.get("end").asText(), TIME));
        assertThat(span.get("duration").asText()).as(what)
                .isEqualTo(String.format(Locale.ROOT, "%.2f", d.toNanos() / 1e9));
    }

    @Test
    void everyDurationOfThePerEpochStatsIsItsEndMinusItsStart() throws IOException {
        run();

        JsonNode stats = read("0_per_epoch_stats.json");
        assertThat(stats.fieldNames()).toIterable().containsExactly("1", "2", "3");
        for (String epoch : List.of("1", "2", "3")) {
            JsonNode e = stats.get(epoch);
            assertDurationIsEndMinusStart(e, "epoch " + epoch);
            assertDurationIsEndMinusStart(e.get("block1"), "block1 of epoch " + epoch);
            assertDurationIsEndMinusStart(e.get("eval"), "eval of epoch " + epoch);
            // the epoch spans its training and its evaluation, as DLIO's start_epoch/end_epoch
            assertThat(e.get("start").asText()).isLessThanOrEqualTo(e.get("block1").get("start").asText());
            assertThat(e.get("end").asText()).isGreaterThanOrEqualTo(e.get("eval").get("end").asText());
        }
    }

    @Test
    void theRankOutputJsonHasDliosShape() throws IOException {
        run();

        JsonNode out = read("0_output.json");
        assertThat(out.fieldNames()).toIterable().containsExactly("host_memory_GB", "host_cpu_count",
                "host_processor_name", "potential_caching", "host_cpuinfo", "host_meminfo", "1", "2", "3", "hostname");
        assertThat(out.get("host_meminfo").get("MemTotal").asText()).matches("[0-9]+ kB");
        JsonNode stats = read("0_per_epoch_stats.json");
        for (String epoch : List.of("1", "2", "3")) {
            JsonNode e = out.get(epoch);
            assertThat(e.fieldNames()).toIterable().containsExactly("load", "proc", "throughput", "au", "compute",
                    "host_meminfo", "end");
            for (String block : List.of("block1", "eval")) {
                JsonNode load = e.get("load").get(block);
                JsonNode proc = e.get("proc").get(block);
                JsonNode compute = e.get("compute").get(block);
                assertThat(load).hasSize(block.equals("block1") ? 8 : 4);
                assertThat(proc).hasSameSizeAs(load);
                assertThat(compute).hasSameSizeAs(load);
                for (int i = 0; i < load.size(); i++) {
                    assertThat(proc.get(i).asDouble()).isCloseTo(load.get(i).asDouble() + compute.get(i).asDouble(),
                            within(1e-12));
                }
            }
            assertThat(e.get("au").get("block1").asDouble()).isEqualTo(stats.get(epoch).get("au").asDouble());
            assertThat(e.get("throughput").get("block1").asDouble())
                    .isEqualTo(stats.get(epoch).get("throughput").asDouble());
            assertThat(e.get("au").has("eval")).isTrue();
            assertThat(e.get("host_meminfo").get("MemAvailable").asText()).matches("[0-9]+ kB");
            assertThat(e.get("end").asText()).isEqualTo(stats.get(epoch).get("end").asText());
        }
    }

    @Test
    void theSummaryCarriesTheHostsCpuinfoAndMeminfoAsDlio() throws IOException {
        run();

        JsonNode summary = read("summary.json");
        assertThat(summary.get("host_meminfo").get("MemTotal").asText()).matches("[0-9]+ kB");
        assertThat(summary.get("host_meminfo").size()).isGreaterThan(20);
        assertThat(summary.get("host_cpuinfo").has("processor")).isFalse();
        assertThat(summary.get("host_cpuinfo").get("model name").asText())
                .isEqualTo(summary.get("host_processor_name").asText());
        assertThat(summary.get("dlio_parquet").get("interrupted").asBoolean()).isFalse();
        assertThat(summary.get("dlio_parquet").get("rate_window").get("exclude_start_steps").asInt()).isEqualTo(1);
    }

    @Test
    void theReadRateIsTakenOverTheSameStepsAsDliosThroughput() throws IOException {
        // each step reads one whole file: its 12-byte header and 4 samples of 1 KiB
        RunSummary s = run("++workload.workflow.evaluation=False");

        for (var e : s.epochs()) {
            PhaseSummary t = e.train();
            assertThat(t.storageMiBps() / t.nominalMiBps()).as("epoch %d", e.epoch())
                    .isCloseTo((4 * 1024 + 12) / 4096.0, within(1e-9));
            assertThat(t.payloadMiBps()).isCloseTo(t.nominalMiBps(), within(1e-9));
            assertThat(t.readAmplification()).isCloseTo(1.0, within(1e-12));
        }
        JsonNode metric = read("summary.json").get("metric");
        assertThat(metric.get("train_io_measured_MB_per_second").get(0).asDouble())
                .isCloseTo(s.epochs().get(0).train().storageMiBps(), within(1e-9));
    }
}
