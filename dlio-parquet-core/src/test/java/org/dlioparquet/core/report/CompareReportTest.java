package org.dlioparquet.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real runs compared: B against A, every ratio from the two summaries, what differs named. */
class CompareReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void bIsShownAgainstAWithRatiosOfTheirSummariesAndTheKeysThatDiffer() throws IOException {
        Path a = ReportRuns.run(dir, "a");
        Path b = ReportRuns.run(dir, "b", "++workload.reader.read_threads=2", "++workload.train.computation_time=0.004");
        JsonNode sa = JSON.readTree(a.resolve("summary.json").toFile());
        JsonNode sb = JSON.readTree(b.resolve("summary.json").toFile());

        Path written = RunReport.compare(a, b, dir.resolve("compare.html"));
        Document page = Jsoup.parse(written.toFile());

        int rows = 0;
        for (Element tr : page.select("#results tr:has(td)")) {
            Element va = tr.selectFirst("td[data-source^=A:]");
            Element vb = tr.selectFirst("td[data-source^=B:]");
            String key = va.attr("data-source").substring("A:metric.".length());
            double x = sa.path("metric").path(key).asDouble();
            double y = sb.path("metric").path(key).asDouble();
            assertThat(Double.parseDouble(va.attr("data-value"))).isEqualTo(x);
            assertThat(Double.parseDouble(vb.attr("data-value"))).isEqualTo(y);
            assertThat(tr.select("td").get(2).text()).isEqualTo(String.format(Locale.ROOT, "%.3f×", y / x));
            assertThat(tr.select("td").get(3).text()).isEqualTo(String.format(Locale.ROOT, "%+.1f %%", 100 * (y - x) / x));
            rows++;
        }
        assertThat(rows).isEqualTo(7);
        assertThat(page.select("#differences tr").eachText()).contains("reader.read_threads 1 2",
                "train.computation_time 0.002 0.004");
        assertThat(page.select("#epochs tr:has(td)")).hasSize(3);
        JsonNode data = JSON.readTree(page.selectFirst("script#report-data").data());
        JsonNode au = RunReportTest.chart(data, "epoch-au");
        assertThat(RunReportTest.series(au, "A training AU"))
                .containsExactlyElementsOf(RunReportTest.doubles(sa.path("metric").path("train_au_percentage")));
        assertThat(RunReportTest.series(au, "B training AU"))
                .containsExactlyElementsOf(RunReportTest.doubles(sb.path("metric").path("train_au_percentage")));
        assertThat(RunReportTest.chart(data, "bytes-time").path("series")).extracting(s -> s.path("label").asText())
                .containsExactly("A all ranks", "B all ranks");
        assertThat(page.title()).isEqualTo("dlio-parquet comparison: B (b) against A (a)");
    }
}
