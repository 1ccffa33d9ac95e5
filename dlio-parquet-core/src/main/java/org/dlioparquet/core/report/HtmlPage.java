package org.dlioparquet.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dlioparquet.core.Version;

/**
 * Builds one self-contained HTML document: sections of tables and charts, the charts' data as
 * JSON in a {@code <script type="application/json">}, the inlined uPlot with its licence, and a
 * Content-Security-Policy that forbids the page any network access.
 */
final class HtmlPage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StringBuilder body = new StringBuilder();
    private final List<Chart> charts = new ArrayList<>();
    private final ObjectNode data = JSON.createObjectNode();

    /** The embedded JSON object; the page's script reads {@code charts} from it. */
    ObjectNode data() {
        return data;
    }

    HtmlPage section(String id, String title) {
        body.append("</section>\n<section id=\"").append(Fmt.html(id)).append("\">\n<h2>").append(Fmt.html(title))
                .append("</h2>\n");
        return this;
    }

    HtmlPage h3(String title) {
        body.append("<h3>").append(Fmt.html(title)).append("</h3>\n");
        return this;
    }

    HtmlPage note(String text) {
        body.append("<p class=\"note\">").append(Fmt.html(text)).append("</p>\n");
        return this;
    }

    HtmlPage raw(String html) {
        body.append(html);
        return this;
    }

    /** A chart: its static SVG now, uPlot's drawing in the browser; a note instead when it has no data. */
    HtmlPage chart(Chart c) {
        if (!c.hasPoints()) {
            return note(c.title() + ": no data.");
        }
        charts.add(c);
        body.append("<div class=\"chart\" id=\"chart-").append(Fmt.html(c.id())).append("\" data-chart=\"")
                .append(Fmt.html(c.id())).append("\">\n<h3>").append(Fmt.html(c.title())).append("</h3>\n")
                .append(SvgChart.render(c)).append("\n<div class=\"live\"></div>\n</div>\n");
        return this;
    }

    Table table(String... headers) {
        return new Table(headers);
    }

    /** An HTML table written row by row into the page. */
    final class Table {
        private Table(String... headers) {
            body.append("<table>\n<tr>");
            for (String h : headers) {
                body.append("<th>").append(Fmt.html(h)).append("</th>");
            }
            body.append("</tr>\n");
        }

        Table row(Cell... cells) {
            body.append("<tr>");
            for (Cell c : cells) {
                body.append(c.html());
            }
            body.append("</tr>\n");
            return this;
        }

        HtmlPage end() {
            body.append("</table>\n");
            return HtmlPage.this;
        }
    }

    /** A table cell. */
    record Cell(String html) {
        static Cell text(String s) {
            return new Cell("<td>" + Fmt.html(s) + "</td>");
        }

        static Cell head(String s) {
            return new Cell("<th>" + Fmt.html(s) + "</th>");
        }

        /** A number as shown, right-aligned. */
        static Cell num(String shown) {
            return new Cell("<td class=\"num\">" + Fmt.html(shown) + "</td>");
        }

        /**
         * A number of a result file as shown, carrying the exact value and where it came from, so
         * that a reader (or a test) can check it against the file.
         */
        static Cell value(String source, double value, String shown) {
            return new Cell("<td class=\"num\" data-source=\"" + Fmt.html(source) + "\" data-value=\""
                    + (Double.isFinite(value) ? Double.toString(value) : "") + "\">" + Fmt.html(shown) + "</td>");
        }

        static Cell styled(String cssClass, String shown) {
            return new Cell("<td class=\"num " + cssClass + "\">" + Fmt.html(shown) + "</td>");
        }
    }

    String render(String title, String subtitle) {
        ArrayNode chartJson = data.putArray("charts");
        for (Chart c : charts) {
            chartJson.add(chartJson(c));
        }
        StringBuilder sb = new StringBuilder(200_000);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\" data-charts-total=\"").append(charts.size())
                .append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"dlio-parquet ").append(Fmt.html(Version.get()))
                .append("\">\n")
                .append("<title>").append(Fmt.html(title)).append("</title>\n")
                // errors anywhere in the page, recorded before any other script runs
                .append("<script>(function(){var r=document.documentElement;function f(m){var e=r.getAttribute("
                        + "'data-js-errors');r.setAttribute('data-js-errors',(e?e+' | ':'')+m);}"
                        + "window.addEventListener('error',function(e){f(e.message||'error');});"
                        + "window.addEventListener('unhandledrejection',function(e){f('rejected: '+e.reason);});"
                        + "document.addEventListener('securitypolicyviolation',"
                        + "function(e){f('blocked: '+e.blockedURI);});"
                        + "})();</script>\n")
                .append("<style>\n").append(ReportAssets.UPLOT_CSS).append("\n").append(ReportAssets.REPORT_CSS)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>").append(Fmt.html(title))
                .append("</h1>\n<p class=\"sub\">").append(Fmt.html(subtitle))
                .append("</p>\n<noscript><p class=\"note\">JavaScript is off: the charts are static pictures of the "
                        + "same numbers.</p></noscript>\n</header>\n<section>\n")
                .append(body).append("</section>\n<footer>\n<h2>About this page</h2>\n<p>Made by dlio-parquet ")
                .append(Fmt.html(Version.get())).append(". It needs no network access: the charts are drawn by uPlot ")
                .append(Fmt.html(ReportAssets.UPLOT_VERSION)).append(", inlined below under its licence:</p>\n<pre>")
                .append(Fmt.html(ReportAssets.UPLOT_LICENSE)).append("</pre>\n</footer>\n")
                .append("<script type=\"application/json\" id=\"report-data\">").append(embeddedJson())
                .append("</script>\n<script>\n/* uPlot ").append(ReportAssets.UPLOT_VERSION)
                .append(", MIT licence (see the footer), https://github.com/leeoniya/uPlot */\n")
                .append(ReportAssets.UPLOT_JS).append("\n</script>\n<script>\n").append(ReportAssets.REPORT_JS)
                .append("\n</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static ObjectNode chartJson(Chart c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", c.id());
        n.put("title", c.title());
        n.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
        n.putObject("x").put("label", c.xLabel()).put("log", c.xLog()).put("whole", c.xWhole());
        n.putObject("y").put("label", c.yLabel());
        ArrayNode series = n.putArray("series");
        ArrayNode columns = n.putArray("data");
        ArrayNode xs = columns.addArray();
        for (double x : c.x()) {
            number(xs, x);
        }
        for (Chart.Series s : c.series()) {
            series.addObject().put("label", s.label()).put("color", s.color()).put("dash", s.dash());
            ArrayNode ys = columns.addArray();
            for (int i = 0; i < c.x().length; i++) {
                number(ys, i < s.y().length ? s.y()[i] : Double.NaN);
            }
        }
        return n;
    }

    private static void number(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.addNull();
        }
    }

    /** The data as JSON that cannot end its script element: {@code <}, {@code >}, {@code &} are escaped. */
    private String embeddedJson() {
        try {
            return JSON.writer().with(new HtmlSafeEscapes()).writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report data could not be written as JSON", e);
        }
    }

    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = standardAsciiEscapesForJSON();
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch));
            }
            return null;
        }
    }
}
