package org.dlioparquet.core;

import java.util.List;

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
}
