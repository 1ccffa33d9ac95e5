package org.dlioparquet.core.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dlioparquet.core.storage.AtomicFiles;

/**
 * Writes {@code report.html}: for one run's output folder, or comparing two. The page reads only
 * what runs write ({@code summary.json}, {@code config.yaml}, {@code <rank>_per_epoch_stats.json},
 * {@code <rank>_timeline.json}), so it can be made again later, or for a run made elsewhere.
 */
public final class RunReport {
    /** The file a run's report reads first; a folder without it is not a run's output folder. */
    public static final String SUMMARY = "summary.json";
    /** The report's name in a run's output folder. */
    public static final String FILE = "report.html";

    private RunReport() {
    }

    /**
     * Writes {@code report.html} into {@code outputFolder}.
     *
     * @return the file written
     * @throws org.dlioparquet.core.DlioException     when the folder has no {@code summary.json}
     * @throws org.dlioparquet.core.DataFileException when one of its result files is malformed
     */
    public static Path write(Path outputFolder) throws IOException {
        return write(outputFolder, outputFolder.resolve(FILE));
    }

    /**
     * Writes the report of the run in {@code outputFolder} to {@code out}.
     *
     * @return the file written
     */
    public static Path write(Path outputFolder, Path out) throws IOException {
        RunFolder run = RunFolder.read(outputFolder);
        Path target = out.toAbsolutePath().normalize();
        AtomicFiles.writeBytes(target, SingleRunPage.render(run).getBytes(StandardCharsets.UTF_8));
        return target;
    }

    /**
     * Writes a page comparing run B with run A (ratios B / A) to {@code out}.
     *
     * @return the file written
     */
    public static Path compare(Path a, Path b, Path out) throws IOException {
        RunFolder ra = RunFolder.read(a);
        RunFolder rb = RunFolder.read(b);
        Path target = out.toAbsolutePath().normalize();
        AtomicFiles.writeBytes(target, ComparePage.render(ra, rb).getBytes(StandardCharsets.UTF_8));
        return target;
    }
}
