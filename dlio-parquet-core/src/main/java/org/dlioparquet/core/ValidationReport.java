package org.dlioparquet.core;

import java.util.List;
import java.util.Locale;

/**
 * What {@link Dlio#validate} found on disk.
 *
 * @param filesExpected files the workload defines (both splits)
 * @param filesPresent  of those, files found
 * @param bytes         bytes of the files found
 * @param samplesRead   samples decoded ({@code deep} only)
 * @param problems      one line per problem: {@code <file or folder>: <what is wrong>}
 */
public record ValidationReport(long filesExpected, long filesPresent, long bytes, long samplesRead,
                               List<String> problems) {
    public ValidationReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * The one line the command line and the Maven plugin print after the problems, in DLIO's MB
     * (MiB), e.g. {@code dataset OK: 16 of 16 files, 64.0 MB, 1024 samples decoded}; the samples
     * only when a deep validation decoded some.
     */
    public String summaryLine() {
        return String.format(Locale.ROOT, "dataset %s: %d of %d files, %.1f MB%s", ok() ? "OK" : "has problems",
                filesPresent, filesExpected, bytes / 1048576.0,
                samplesRead > 0 ? ", " + samplesRead + " samples decoded" : "");
    }
}
