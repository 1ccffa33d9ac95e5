package org.dlioparquet.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.DlioException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html of a real two-accelerator run, read back as a browser's parser reads it. */
class RunReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INDEXED = Pattern.compile("(.+)\\[(\\d+)]");

    @TempDir
    static Path dir;
    static Path out;
    static Document page;
    static JsonNode summary;

    @BeforeAll
    static void runOnce() throws IOException {
        out = ReportRuns.run(dir, "out");
        page = Jsoup.parse(out.resolve("report.html").toFile());
        summary = JSON.readTree(out.resolve("summary.json").toFile());
    }

    /** The value a {@code data-source} names: a path into summary.json, or into {@code <rank>_per_epoch_stats.json}. */
    static JsonNode resolve(Path folder, JsonNode summaryJson, String source) throws IOException {
        String[] parts = source.split("\\.");
        JsonNode node = summaryJson;
        int from = 0;
        if (parts[0].endsWith("_per_epoch_stats")) {
            node = JSON.readTree(folder.resolve(parts[0] + ".json").toFile());
            from = 1;
        }
        for (int i = from; i < parts.length; i++) {
            Matcher m = INDEXED.matcher(parts[i]);
            node = m.matches() ? node.path(m.group(1)).path(Integer.parseInt(m.group(2))) : node.path(parts[i]);
        }
        return node;
    }

    @Test
    void everyNumberTakenFromAResultFileEqualsThatFile() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Element td : page.select("td[data-source]")) {
            String source = td.attr("data-source");
            JsonNode expected = resolve(out, summary, source);
            assertThat(expected.isNumber()).as("%s names a number of the result files", source).isTrue();
            assertThat(Double.parseDouble(td.attr("data-value"))).as(source).isEqualTo(expected.asDouble());
            checked.add(source);
        }
        assertThat(checked).contains("metric.train_au_mean_percentage", "metric.train_throughput_mean_samples_per_second",
                "metric.train_io_mean_MB_per_second", "metric.train_io_measured_mean_MB_per_second",
                "metric.eval_au_mean_percentage", "metric.train_au_percentage[2]", "metric.eval_io_MB_per_second[0]",
                "metric.train_sample_latency_ms.p99", "dlio_parquet.train_storage_bytes", "1_per_epoch_stats.3.au");
        // what a reader sees is the same number, rounded
        Element au = page.selectFirst("td[data-source=metric.train_au_mean_percentage]");
        assertThat(au.text()).isEqualTo(String.format(Locale.ROOT, "%.2f",
                summary.path("metric").path("train_au_mean_percentage").asDouble()));
    }

    @Test
    void theChartsDrawTheSummarysNumbers() throws IOException {
        JsonNode data = JSON.readTree(page.selectFirst("script#report-data").data());
        JsonNode au = chart(data, "epoch-au");
        assertThat(au.path("data").path(0)).extracting(JsonNode::asDouble).containsExactly(1.0, 2.0, 3.0);
        assertThat(series(au, "training AU")).containsExactlyElementsOf(doubles(summary.path("metric").path("train_au_percentage")));
        assertThat(series(au, "evaluation AU")).containsExactlyElementsOf(doubles(summary.path("metric").path("eval_au_percentage")));
        JsonNode mbps = chart(data, "epoch-mbps");
        assertThat(series(mbps, "training, measured read"))
                .containsExactlyElementsOf(doubles(summary.path("metric").path("train_io_measured_MB_per_second")));
        // the cumulative bytes of all ranks end at every byte the run read
        JsonNode bytes = chart(data, "bytes-time");
        List<Double> all = series(bytes, "all ranks");
        long read = summary.path("dlio_parquet").path("train_storage_bytes").asLong()
                + summary.path("dlio_parquet").path("eval_storage_bytes").asLong();
        assertThat(bytes.path("y").path("label").asText()).isEqualTo("MiB"); // a small run: MiB, not GiB
        assertThat(all.get(all.size() - 1) * 1024 * 1024).isCloseTo(read, offset(1.0));
        // per rank, training throughput over time, and the step time split
        assertThat(chart(data, "rank-samples").path("series")).hasSize(2);
        assertThat(chart(data, "step-split").path("series")).extracting(s -> s.path("label").asText())
                .contains("waiting for data", "compute", "barrier");
        assertThat(chart(data, "latency-sample").path("x").path("log").asBoolean()).isTrue();
    }

    @Test
    void thePageNeedsNoNetworkAndReadsWithoutJavaScript() throws IOException {
        assertThat(page.select("[src], link[href], img, iframe, object, embed")).isEmpty();
        assertThat(page.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .startsWith("default-src 'none';");
        assertThat(page.selectFirst("footer").text()).contains("uPlot 1.6.32", "Copyright (c) 2022 Leon Sorokin",
                "Permission is hereby granted, free of charge");
        assertThat(page.select("script").stream().map(Element::data))
                .anySatisfy(s -> assertThat(s).contains("https://github.com/leeoniya/uPlot (v1.6.32)"));
        JsonNode data = JSON.readTree(page.selectFirst("script#report-data").data());
        assertThat(page.selectFirst("html").attr("data-charts-total")).isEqualTo(Integer.toString(data.path("charts").size()));
        for (JsonNode c : data.path("charts")) {
            Element box = page.getElementById("chart-" + c.path("id").asText());
            assertThat(box).as(c.path("id").asText()).isNotNull();
            // the static picture: one path per series, axes, the legend's labels
            assertThat(box.select("svg.static path")).hasSizeGreaterThanOrEqualTo(c.path("series").size());
            for (JsonNode s : c.path("series")) {
                assertThat(box.select("svg.static text").eachText()).contains(s.path("label").asText());
            }
        }
        assertThat(data.path("charts").size()).isGreaterThanOrEqualTo(9);
    }

    @Test
    void theWorkloadMachinePhasesAndEveryRankAreNamed() {
        assertThat(page.select("#workload td").eachText()).contains("dataset.format", "parquet", "reader.batch_size");
        assertThat(page.select("#phases td").eachText()).contains("epoch 1 training", "epoch 3 evaluation")
                .anySatisfy(t -> assertThat(t).startsWith("generation (12 files"));
        assertThat(page.select("#ranks tr")).hasSize(1 + 2 * 3);
        assertThat(page.select("#steps th").eachText()).contains("barrier (s)");
    }

    @Test
    void aFolderWithOnlyDliosSummaryStillGetsAReport(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("summary.json"), """
                {"start": "2024-05-01T14:30:45.018815", "num_accelerators": 1, "num_hosts": 1, "hostname": "vm",
                 "metric": {"train_au_percentage": [87.68549344215799, 86.71319833170934],
                  "train_au_mean_percentage": 87.19934588693366, "train_au_meet_expectation": "fail",
                  "train_au_stdev_percentage": 0.48614755522432773,
                  "train_throughput_samples_per_second": [323.39127585342817, 319.19991628649046],
                  "train_throughput_mean_samples_per_second": 321.2955960699593,
                  "train_throughput_stdev_samples_per_second": 2.095679783468853,
                  "train_io_mean_MB_per_second": 80.32389901748982, "train_io_stdev_MB_per_second": 0.5239199458672132},
                 "num_files_train": 64, "num_files_eval": 0, "num_samples_per_file": 1, "host_cpu_count": [2],
                 "host_processor_name": "", "potential_caching": [1], "host_memory_GB": [23.54],
                 "data_size_per_host_GB": 0.015625, "epochs": 2, "end": "2024-05-01T14:30:45.450199"}
                """);

        Document dlio = Jsoup.parse(RunReport.write(folder).toFile());

        assertThat(dlio.selectFirst("td[data-source=metric.train_au_mean_percentage]").text()).isEqualTo("87.20");
        assertThat(dlio.selectFirst("td[data-source=metric.train_throughput_samples_per_second[1]]").text())
                .isEqualTo("319.20");
        assertThat(dlio.select("#steps p.note").text()).contains("No <rank>_timeline.json");
        assertThat(dlio.select(".chart").eachAttr("data-chart")).containsExactly("epoch-samples", "epoch-au");
    }

    @Test
    void aFolderThatIsNotARunsOutputIsAClearError(@TempDir Path folder) throws IOException {
        assertThatThrownBy(() -> RunReport.write(folder)).isInstanceOf(DlioException.class)
                .hasMessage(folder + ": no summary.json; report takes the output folder of a run that trained or "
                        + "evaluated (the process with rank 0 writes summary.json)");
        Files.writeString(folder.resolve("summary.json"), "{\"metric\": {");
        assertThatThrownBy(() -> RunReport.write(folder)).isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(folder.resolve("summary.json") + ": not valid JSON: ");
        Files.writeString(folder.resolve("summary.json"), "{\"metric\": {}}");
        Files.writeString(folder.resolve("0_timeline.json"), "{\"rank\": 0}");
        assertThatThrownBy(() -> RunReport.write(folder)).isInstanceOf(DataFileException.class)
                .hasMessage(folder.resolve("0_timeline.json") + ": no 'phases' list");
        assertThat(folder.resolve("report.html")).doesNotExist();
    }

    static JsonNode chart(JsonNode data, String id) {
        for (JsonNode c : data.path("charts")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no chart " + id);
    }

    static List<Double> series(JsonNode chart, String label) {
        JsonNode s = chart.path("series");
        for (int i = 0; i < s.size(); i++) {
            if (s.get(i).path("label").asText().equals(label)) {
                List<Double> out = new ArrayList<>();
                chart.path("data").path(i + 1).forEach(v -> out.add(v.isNull() ? null : v.asDouble()));
                out.removeIf(v -> v == null);
                return out;
            }
        }
        throw new AssertionError("no series " + label + " in " + chart.path("id").asText());
    }

    static List<Double> doubles(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asDouble()));
        return out;
    }
}
