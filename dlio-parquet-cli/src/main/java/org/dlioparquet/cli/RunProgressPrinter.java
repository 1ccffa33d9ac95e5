package org.dlioparquet.cli;

import java.io.PrintWriter;
import org.dlioparquet.core.RunListener;
import org.dlioparquet.core.RunProgress;

/**
 * What {@code run} prints while it runs: the run's log lines, and rank 0's progress. On a terminal
 * the progress is one line redrawn in place, cleared before a log line so that the two never mix;
 * otherwise (a job log) each progress report is a plain line of its own.
 */
final class RunProgressPrinter implements RunListener {
    private final PrintWriter out;
    private final boolean terminal;
    private final boolean metricLines;
    /** Width of the progress line on screen; 0 when none is shown. */
    private int shown;

    /** @param metricLines whether DLIO's {@code [METRIC]} lines are printed (not with {@code --json}) */
    RunProgressPrinter(PrintWriter out, boolean terminal, boolean metricLines) {
        this.out = out;
        this.terminal = terminal;
        this.metricLines = metricLines;
    }

    @Override
    public synchronized void message(String line) {
        if (line.startsWith("[METRIC]") && !metricLines) {
            return;
        }
        clear();
        out.println(line);
        out.flush();
    }

    @Override
    public synchronized void progress(RunProgress progress) {
        String line = progress.line();
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
            shown = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Removes the progress line from the screen, so that what follows starts on a clean line. */
    synchronized void clear() {
        if (shown > 0) {
            out.print("\r" + " ".repeat(shown) + "\r");
            shown = 0;
        }
    }
}
