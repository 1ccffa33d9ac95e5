package org.dlioparquet.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dlioparquet.core.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlio-parquet report}: a run's {@code report.html}, or two runs compared. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write report.html for a run's output folder, or compare two runs (B against A, with "
                + "ratios B/A).",
                "The page is self-contained: it opens without network access and reads without JavaScript.",
                "Examples: dlio-parquet report output/unet3d/20260101-120000",
                "          dlio-parquet report before/ after/ -o compare.html"})
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..2", paramLabel = "OUTPUT_DIR",
            description = "A run's output folder (summary.json, <rank>_timeline.json, ...); with two, A then B.")
    List<Path> folders;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the page (default: OUTPUT_DIR/report.html; for two folders, "
                    + "compare-<A>-<B>.html in the current folder).")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path written;
        if (folders.size() == 1) {
            Path folder = folders.get(0);
            written = RunReport.write(folder, output != null ? output : folder.resolve(RunReport.FILE));
        } else {
            Path a = folders.get(0).toAbsolutePath().normalize();
            Path b = folders.get(1).toAbsolutePath().normalize();
            Path target = output != null ? output : Path.of("compare-" + name(a) + "-" + name(b) + ".html");
            written = RunReport.compare(a, b, target);
        }
        out.println("Wrote " + written);
        out.flush();
        return ExitCodes.OK;
    }

    private static String name(Path p) {
        return p.getFileName() == null ? "root" : p.getFileName().toString();
    }
}
