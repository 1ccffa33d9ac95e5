package org.dlioparquet.core.metrics.trace;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.dlioparquet.core.config.TraceLevel;
import org.dlioparquet.core.metrics.RunClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.equals("[") && !line.equals("]")) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }

    @Test
    void manyThreadsFillingMoreChunksThanTheQueueHoldsLoseNoEvent() throws Exception {
        RunClock clock = RunClock.start();
        TraceWriter w = TraceWriter.open(dir, 3, 4, TraceLevel.SAMPLE, clock, "host-a");
        int threads = 4;
        int perThread = 2 * TraceWriter.QUEUE_CHUNKS * TraceWriter.CHUNK_EVENTS / threads;
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread th = new Thread(() -> {
                TraceBuffer b = w.buffer();
                for (int i = 0; i < perThread; i++) {
                    long now = System.nanoTime();
                    b.complete(TraceEvent.PREAD, 2, b.nextId(), 0, now, now + 1_000, me, i, 4096, 4096);
                }
            }, "recorder-" + t);
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            th.join();
        }
        TraceWriter.Summary s = w.close();

        List<JsonNode> events = lines(dir.resolve("trace-3-of-4.pfw.gz"));
        Set<String> seen = new HashSet<>();
        long bytes = 0;
        for (JsonNode e : events) {
            if (e.path("ph").asText().equals("X")) {
                assertThat(e.path("cat").asText()).isEqualTo("POSIX");
                assertThat(e.path("name").asText()).isEqualTo("pread64");
                assertThat(e.path("dur").asLong()).isEqualTo(1);
                seen.add(e.path("args").path("fhash").asLong() + "/" + e.path("args").path("offset").asLong());
                bytes += e.path("args").path("ret").asLong();
            }
        }
        assertThat(seen).hasSize(threads * perThread);
        assertThat(bytes).isEqualTo(4096L * threads * perThread);
        assertThat(events).filteredOn(e -> e.path("name").asText().equals("thread_name"))
                .extracting(e -> e.path("args").path("name").asText())
                .containsExactlyInAnyOrder("recorder-0", "recorder-1", "recorder-2", "recorder-3");
        assertThat(events).filteredOn(e -> e.path("name").asText().equals("PR"))
                .extracting(e -> e.path("args").path("name").asText() + "=" + e.path("args").path("value").asInt())
                .containsExactly("rank=3", "size=4");
        assertThat(s.events()).isEqualTo(events.size());
        assertThat(s.failure()).isNull();
        assertThat(s.bytes()).isEqualTo(Files.size(dir.resolve("trace-3-of-4.pfw.gz")));
    }

    @Test
    void eventsAboveTheLevelAreDroppedTimesAreMicrosecondsAndFileNamesAreNamedOnce() throws IOException {
        RunClock clock = new RunClock(1_700_000_000_000_000L, 5_000_000L);
        TraceWriter w = TraceWriter.open(dir, 0, 1, TraceLevel.EPOCH, clock, "host-b");
        TraceBuffer b = w.buffer();
        b.complete(TraceEvent.EPOCH, 2, 7, 1, 6_000_000L, 9_500_000L, 2);
        b.complete(TraceEvent.FETCH_ITER, 4, 8, 7, 6_000_000L, 6_100_000L, 2, 1);
        long h = TraceWriter.hash("/data/train/img_0_of_2.parquet");
        b.fileName(h, "/data/train/img_0_of_2.parquet");
        b.fileName(h, "/data/train/img_0_of_2.parquet");
        w.close();

        List<JsonNode> lines = lines(dir.resolve("trace-0-of-1.pfw.gz"));
        List<JsonNode> events = lines.stream().filter(e -> e.path("ph").asText().equals("X")).toList();
        assertThat(events).hasSize(1);
        JsonNode e = events.get(0);
        assertThat(e.path("name").asText()).isEqualTo("epoch.block");
        assertThat(e.path("ts").asLong()).isEqualTo(1_700_000_000_001_000L);
        assertThat(e.path("dur").asLong()).isEqualTo(3_500L);
        assertThat(e.path("args").path("epoch").asInt()).isEqualTo(2);
        assertThat(e.path("args").path("p_idx").asLong()).isEqualTo(1);
        assertThat(e.path("args").path("hhash").asLong()).isEqualTo(TraceWriter.hash("host-b"));
        assertThat(lines).filteredOn(l -> l.path("name").asText().equals("FH")).singleElement()
                .satisfies(fh -> assertThat(fh.path("args").path("value").asLong()).isEqualTo(h));
        assertThat(lines).filteredOn(l -> l.path("name").asText().equals("HH")).singleElement()
                .satisfies(hh -> assertThat(hh.path("args").path("name").asText()).isEqualTo("host-b"));
        assertThat(h).isLessThan(1L << 53).isNotNegative();
    }
}
