package org.dlioparquet.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The files a report inlines, read once from the class path (see {@code uPlot.README.md} there). */
final class ReportAssets {
    static final String UPLOT_VERSION = "1.6.32";
    static final String UPLOT_JS = read("uPlot.iife.min.js");
    static final String UPLOT_CSS = read("uPlot.min.css");
    static final String UPLOT_LICENSE = read("uPlot.LICENSE");
    static final String REPORT_JS = read("report.js");
    static final String REPORT_CSS = read("report.css");

    private ReportAssets() {
    }

    private static String read(String name) {
        try (InputStream in = ReportAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the dlio-parquet jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
