package org.dlioparquet.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html opened in headless Chromium as a person would open it: every chart drawn with its
 * points, no script error, no blocked request; and a screenshot (kept as
 * {@code target/report-screenshot.png}) that shows coloured lines. Needs Chromium ({@code .ci/run}
 * installs Debian's); without one the test fails, unless {@code -Ddlio.skipBrowser=true} skips it
 * on purpose.
 */
class ReportInBrowserTest {
    @TempDir
    Path dir;
    Chromium chromium;

    @BeforeEach
    void browser() {
        Assumptions.assumeFalse(Boolean.getBoolean("dlio.skipBrowser"), "skipped on request (-Ddlio.skipBrowser=true)");
        chromium = Chromium.find(dir);
        assertThat(chromium).as("no chromium on PATH: install it (apt-get install chromium), set DLIO_CHROMIUM, or "
                + "skip this test with -Ddlio.skipBrowser=true").isNotNull();
    }

    /** The page's own account of what it drew and what went wrong, with the browser's console. */
    static List<String> problems(Chromium.Output run) {
        List<String> out = new ArrayList<>();
        Document dom = Jsoup.parse(run.stdout());
        Element html = dom.selectFirst("html");
        if (html == null) {
            out.add("no DOM dumped");
            return out;
        }
        if (html.hasAttr("data-js-errors")) {
            out.add("JavaScript: " + html.attr("data-js-errors"));
        }
        String total = html.attr("data-charts-total");
        String drawn = html.attr("data-charts-drawn");
        if (!total.equals(drawn)) {
            out.add("charts drawn: " + drawn + " of " + total);
        }
        for (Element c : dom.select("div.chart")) {
            if (!c.hasClass("js") || c.attr("data-points").equals("0") || c.attr("data-series-pixels").equals("0")
                    || c.attr("data-points").isEmpty()) {
                out.add("chart " + c.attr("data-chart") + " empty: points " + c.attr("data-points") + ", coloured pixels "
                        + c.attr("data-series-pixels"));
            }
        }
        for (String line : run.stderr().split("\n")) {
            if (line.contains(":CONSOLE") && (line.contains("Uncaught") || line.contains("Refused")
                    || line.contains("rror"))) {
                out.add("console: " + line);
            }
        }
        return out;
    }

    @Test
    void everyChartDrawsItsPointsWithoutAScriptErrorAndTheScreenshotShowsThem() throws Exception {
        Path out = ReportRuns.run(dir, "out");
        Path page = out.resolve("report.html");

        Chromium.Output run = chromium.dumpDom(page);

        assertThat(problems(run)).isEmpty();
        Element html = Jsoup.parse(run.stdout()).selectFirst("html");
        assertThat(Integer.parseInt(html.attr("data-charts-drawn"))).isGreaterThanOrEqualTo(9);

        Path png = Path.of("target", "report-screenshot.png");
        Files.createDirectories(png.getParent());
        chromium.screenshot(page, png, 1280, 7000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(colouredPixels(image)).as("pixels in series colours in %s", png).isGreaterThan(20_000);
    }

    @Test
    void aScriptErrorAndAnEmptyChartAreBothCaught() throws Exception {
        HtmlPage page = new HtmlPage();
        double[] x = {Double.NaN, Double.NaN};
        page.chart(new Chart("nothing", "drawn from nowhere", "x", "y", false, false, Chart.Kind.LINE, x,
                List.of(new Chart.Series("values", Chart.color(0), new double[] {1, 2}, false))));
        page.raw("<script>notDefinedAnywhere();</script>\n");
        Path file = dir.resolve("broken.html");
        Files.writeString(file, page.render("broken", "a page that must fail the check"), StandardCharsets.UTF_8);

        List<String> problems = problems(chromium.dumpDom(file));

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("JavaScript: ").contains("notDefinedAnywhere"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("chart nothing empty"));
    }

    /** Pixels of a saturated colour: the series' lines, not the page's greys. */
    static long colouredPixels(BufferedImage image) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    n++;
                }
            }
        }
        return n;
    }
}
