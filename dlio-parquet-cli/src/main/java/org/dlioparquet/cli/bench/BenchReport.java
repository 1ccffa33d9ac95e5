package org.dlioparquet.cli.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.dlioparquet.core.config.StorageConfig;

/** The benchmark's result as Markdown: the command, the machine, then one table per section. */
public record BenchReport(String command, MachineFacts machine, String workFolder, BenchOptions options,
                          Instant start, Duration elapsed, double loadAverageAtEnd, List<SectionResult> sections) {

    public BenchReport {
        sections = List.copyOf(sections);
    }

    /** True when every case of every section succeeded. */
    public boolean allOk() {
        return sections.stream().flatMap(s -> s.outcomes().stream()).allMatch(CaseOutcome::ok);
    }

    /** System properties that hold a credential, as a user may pass the SDK's with --jvm-opt: values masked. */
    private static final Pattern SECRET_PROPERTY = Pattern.compile(
            "(-D[\\w.-]*(?i:secret|password|token|credential|accesskey)[\\w.-]*=)[^\\s`]+");

    static String masked(String text) {
        return SECRET_PROPERTY.matcher(text).replaceAll("$1" + StorageConfig.MASK);
    }

    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# dlio-parquet bench\n\n");
        md.append("Command: `").append(masked(command)).append("`  \n");
        md.append(String.format(Locale.ROOT, "Run: %s, %d s  %n", start, elapsed.toSeconds()));
        md.append("Machine: ").append(machine.describe()).append("  \n");
        md.append("Work folder: ").append(workFolder).append(" on ").append(machine.fileSystem()).append("  \n");
        md.append(String.format(Locale.ROOT, "Load average (1 min): %s at the start, %s at the end; "
                + "other work on the machine shares its cores and disk with the figures below  %n",
                load(machine.loadAverage()), load(loadAverageAtEnd)));
        md.append(String.format(Locale.ROOT, "Settings: %d MiB per case, median of %d repetitions after a "
                        + "warm-up of %s, baseline and case repetitions interleaved, %s page cache, each case in its "
                        + "own child JVM%s. %s%n%n", options.sizeMiB(), options.reps(),
                warmUp(options.warmUpSeconds()),
                options.dropCaches() ? "cold (dropped before each read repetition)" : "warm",
                options.jvmOptions().isEmpty() ? " (default heap)"
                        : " (" + masked(String.join(" ", options.jvmOptions())) + ")", jitRedos()));
        md.append("ratio = the case's median / the FileChannel median. Peak heap = the most heap in use at any "
                + "moment (garbage not yet collected included, so it grows with the default heap size); heap "
                + "after GC = the most heap still in use right after a collection; peak RSS = the child JVM's "
                + "VmHWM.\n");
        for (SectionResult s : sections) {
            md.append("\n## ").append(s.title()).append("\n\n");
            s.notes().forEach(n -> md.append(n).append("\n\n"));
            md.append(s.table().render());
        }
        return md.toString();
    }

    private static String warmUp(double seconds) {
        return seconds > 0 ? String.format(Locale.ROOT, "at least %.0f s (repetitions of the case's work), then "
                + "until %d repetitions in a row during which the child's JIT compiled for at most %.0f %% of the "
                + "time (at most %.0f s in all)", seconds, Repetitions.QUIET_IN_A_ROW,
                100 * Repetitions.QUIET_SHARE, Repetitions.LONGEST_WARM_UP * seconds) : "one repetition";
    }

    /** How many measured repetitions of the children were done again because their JIT was busy. */
    private String jitRedos() {
        List<RepMeasure> reps = sections.stream().flatMap(s -> s.outcomes().stream())
                .flatMap(o -> o.reps().stream()).toList();
        long redone = reps.stream().filter(r -> r.get(RepMeasure.JIT_REDOS) > 0).count();
        long stillBusy = reps.stream().filter(r -> r.get(RepMeasure.JIT_SHARE) > Repetitions.QUIET_SHARE).count();
        if (options.warmUpSeconds() <= 0) {
            return String.format(Locale.ROOT, "Without a warm-up no repetition is done again for the JIT: during %d "
                    + "of the %d measured the child's JIT compiled for more than %.0f %% of the time.", stillBusy,
                    reps.size(), 100 * Repetitions.QUIET_SHARE);
        }
        return String.format(Locale.ROOT, "A measured repetition during which the child's JIT compiled for more "
                + "than %.0f %% of the time is done again, up to %d times: %d of the %d measured were, %d still "
                + "counted busy.", 100 * Repetitions.QUIET_SHARE, Repetitions.MAX_REDOS, redone, reps.size(),
                stillBusy);
    }

    private static String load(double value) {
        return value < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }
}
