package org.dlioparquet.core;

import java.io.InterruptedIOException;
import java.nio.file.Path;
import org.dlioparquet.core.metrics.RunSummary;

/**
 * The run was stopped before its last epoch ended: the thread that called {@link Dlio#run} was
 * interrupted (the command line does it on Ctrl-C and SIGTERM). The epochs completed by then were
 * written as usual, marked {@code "interrupted": true} in {@code summary.json}; the one under way
 * was dropped. As with {@link InterruptedException}, the thread's interrupt status is cleared: this
 * exception is the report of it.
 */
public final class RunInterruptedException extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    private final transient Path outputFolder;
    private final transient RunSummary summary;

    /**
     * @param outputFolder where the results of the completed epochs are
     * @param summary      their metrics, or {@code null} when no epoch was completed (nothing written)
     * @param epochs       the epochs the workload asked for
     */
    public RunInterruptedException(Path outputFolder, RunSummary summary, int epochs) {
        super(message(outputFolder, summary, epochs));
        this.outputFolder = outputFolder;
        this.summary = summary;
    }

    private static String message(Path outputFolder, RunSummary summary, int epochs) {
        if (summary == null) {
            return "run interrupted before its first epoch ended; no results were written";
        }
        int done = summary.epochs().isEmpty() ? 0 : summary.epochs().get(summary.epochs().size() - 1).epoch();
        return "run interrupted after " + done + " of " + epochs + " epochs; the completed epochs' results are in "
                + outputFolder + " (marked \"interrupted\" in summary.json)";
    }

    public Path outputFolder() {
        return outputFolder;
    }

    /** The metrics of the completed epochs, or {@code null} when none was completed. */
    public RunSummary summary() {
        return summary;
    }
}
