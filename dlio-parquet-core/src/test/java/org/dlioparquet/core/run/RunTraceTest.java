package org.dlioparquet.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.RunListener;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A traced run ({@code workflow.profiling: True}) of two accelerators over Parquet, read back as
 * DFAnalyzer and Perfetto read it: DLIO's events per rank, properly nested, and POSIX read bytes
 * that add up to what {@code summary.json} says was read.
 */
class RunTraceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private WorkloadConfig workload(String... overrides) {
        return new WorkloadLoader().baseDirectory(dir).load("""
                model: {name: traced}
                workflow: {generate_data: True, train: True, evaluation: True, profiling: True}
                dataset: {format: parquet, num_files_train: 8, num_files_eval: 4, num_samples_per_file: 8,
                          record_length_bytes: 4096, parquet: {row_group_size: 4}}
                reader: {batch_size: 4, batch_size_eval: 4, read_threads: 2}
                train: {epochs: 2, computation_time: 0.002}
                evaluation: {eval_time: 0.001}
                profiling: {profiler: none}
                """, "traced.yaml", List.of(overrides));
    }

    /** One trace file: its events ({@code ph: X}) and metadata ({@code ph: M}), checking the framing lines. */
    record Trace(List<JsonNode> events, List<JsonNode> meta) {
        List<JsonNode> named(String cat, String name) {
            return events.stream().filter(e -> e.path("cat").asText().equals(cat) && e.path("name").asText().equals(name))
                    .toList();
        }
    }

    static Trace read(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        }
        assertThat(lines.get(0)).isEqualTo("[");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("]");
        List<JsonNode> events = new ArrayList<>();
        List<JsonNode> meta = new ArrayList<>();
        for (String line : lines.subList(1, lines.size() - 1)) {
            JsonNode n = JSON.readTree(line);
            assertThat(n.path("pid").isIntegralNumber()).as(line).isTrue();
            assertThat(n.path("tid").isIntegralNumber()).as(line).isTrue();
            switch (n.path("ph").asText()) {
                case "X" -> {
                    assertThat(n.path("ts").isIntegralNumber() && n.path("dur").isIntegralNumber()).as(line).isTrue();
                    assertThat(n.path("dur").asLong()).as(line).isNotNegative();
                    events.add(n);
                }
                case "M" -> meta.add(n);
                default -> throw new AssertionError("unexpected event phase: " + line);
            }
        }
        return new Trace(events, meta);
    }

    private static boolean within(JsonNode inner, JsonNode outer) {
        long s = inner.path("ts").asLong();
        long e = s + inner.path("dur").asLong();
        long os = outer.path("ts").asLong();
        return s >= os && e <= os + outer.path("dur").asLong();
    }

    @Test
    void eachRankTracesDliosEventsNestedAndItsReadsAddUpToTheSummarysBytes() throws IOException {
        Path out = dir.resolve("out");
        List<String> log = new ArrayList<>();
        Dlio.run(workload(), RunOptions.defaults().withAccelerators(2).withOutputFolder(out)
                .withListener(new RunListener() {
                    @Override
                    public void message(String line) {
                        log.add(line);
                    }
                }));
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());

        long posixBytes = 0;
        long itemSamples = 0;
        for (int rank = 0; rank < 2; rank++) {
            Trace t = read(out.resolve("trace-" + rank + "-of-2.pfw.gz"));
            // 8 files x 8 samples / batch 4 / 2 ranks = 8 training steps; 4 x 8 / 4 / 2 = 4 evaluation steps
            assertThat(t.named("ai_root", "ai_root")).hasSize(1);
            assertThat(t.named("pipeline", "epoch.block")).hasSize(2);
            assertThat(t.named("pipeline", "train")).hasSize(2);
            assertThat(t.named("pipeline", "evaluate")).hasSize(2);
            assertThat(t.named("dataloader", "fetch.block")).hasSize(4);
            assertThat(t.named("dataloader", "fetch.iter")).hasSize(2 * 8 + 2 * 4);
            assertThat(t.named("compute", "compute")).hasSize(2 * 8 + 2 * 4);
            assertThat(t.named("comm", "barrier")).hasSizeBetween(1, 2 * 8); // only steps that waited at all

            JsonNode root = t.named("ai_root", "ai_root").get(0);
            Map<Long, JsonNode> byId = new HashMap<>();
            t.events().forEach(e -> byId.put(e.path("id").asLong(), e));
            for (JsonNode epoch : t.named("pipeline", "epoch.block")) {
                assertThat(within(epoch, root)).isTrue();
                assertThat(epoch.path("args").path("p_idx").asLong()).isEqualTo(root.path("id").asLong());
            }
            for (String name : List.of("train", "evaluate")) {
                for (JsonNode block : t.named("pipeline", name)) {
                    JsonNode epoch = byId.get(block.path("args").path("p_idx").asLong());
                    assertThat(epoch.path("name").asText()).isEqualTo("epoch.block");
                    assertThat(epoch.path("args").path("epoch").asInt()).isEqualTo(block.path("args").path("epoch").asInt());
                    assertThat(within(block, epoch)).isTrue();
                }
            }
            for (String[] step : new String[][] {{"dataloader", "fetch.iter"}, {"compute", "compute"}, {"comm", "barrier"}}) {
                for (JsonNode e : t.named(step[0], step[1])) {
                    JsonNode block = byId.get(e.path("args").path("p_idx").asLong());
                    assertThat(block.path("cat").asText()).isEqualTo("pipeline");
                    assertThat(block.path("tid").asLong()).isEqualTo(e.path("tid").asLong());
                    assertThat(within(e, block)).as("%s inside its block", step[1]).isTrue();
                    assertThat(e.path("args").path("step").asInt()).isBetween(1, 8);
                }
            }
            // reader threads: every item inside a block of its epoch; every read inside an item of its thread
            List<JsonNode> blocks = new ArrayList<>(t.named("pipeline", "train"));
            blocks.addAll(t.named("pipeline", "evaluate"));
            List<JsonNode> items = t.named("data", "item");
            assertThat(items).isNotEmpty().allSatisfy(i -> assertThat(blocks.stream().anyMatch(b -> within(i, b)
                    && b.path("args").path("epoch").asInt() == i.path("args").path("epoch").asInt())).isTrue());
            Set<Long> named = new HashSet<>();
            t.meta().stream().filter(m -> m.path("name").asText().equals("FH")).forEach(m -> {
                assertThat(m.path("args").path("name").asText()).startsWith(dir.resolve("data").toString());
                named.add(m.path("args").path("value").asLong());
            });
            List<JsonNode> reads = t.named("POSIX", "pread64");
            assertThat(reads).isNotEmpty().allSatisfy(r -> {
                assertThat(items.stream().anyMatch(i -> i.path("tid").asLong() == r.path("tid").asLong() && within(r, i)))
                        .as("read inside an item").isTrue();
                assertThat(named).contains(r.path("args").path("fhash").asLong());
            });
            assertThat(t.named("POSIX", "open64")).isNotEmpty();
            for (JsonNode e : t.events()) {
                if (e.path("cat").asText().equals("POSIX") && e.path("name").asText().contains("read")) {
                    posixBytes += e.path("args").path("ret").asLong();
                }
            }
            itemSamples += items.stream().mapToLong(i -> i.path("args").path("count").asLong()).sum();
            assertThat(t.meta()).anySatisfy(m -> assertThat(m.path("name").asText()).isEqualTo("HH"));
        }
        JsonNode add = summary.path("dlio_parquet");
        assertThat(posixBytes).isEqualTo(add.path("train_storage_bytes").asLong() + add.path("eval_storage_bytes").asLong());
        // every sample of both epochs, training (64) and evaluation (32), read once
        assertThat(itemSamples).isEqualTo(2 * (64 + 32));
        assertThat(log).anySatisfy(l -> assertThat(l).startsWith("Trace: trace-0-of-2.pfw.gz ("));
    }
}
