package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs one case in its own child JVM, repetition by repetition, with the baseline's repetitions
 * interleaved (baseline first on even repetitions, case first on odd ones), so that a burst of
 * load from elsewhere on the machine hits both sides alike.
 */
final class CaseRunner {
    @FunctionalInterface
    interface BeforeRep {
        void run() throws IOException;
    }

    private final Path logs;
    private final List<String> jvmOptions;
    private final double warmUpSeconds;
    private final Consumer<String> progress;

    /** @param warmUpSeconds how long a child repeats its work before the measured repetitions (at least once) */
    CaseRunner(Path logs, List<String> jvmOptions, double warmUpSeconds, Consumer<String> progress) {
        this.logs = logs;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.warmUpSeconds = warmUpSeconds;
        this.progress = progress;
    }

    /** True when the baseline runs before the case in repetition {@code rep} (0-based). */
    static boolean baselineFirst(int rep) {
        return rep % 2 == 0;
    }

    /**
     * @param baselines  builds the baseline after the warm-up; {@code null} for none
     * @param beforeRep  runs before every repetition of either side (e.g. dropping the page cache)
     * @param extraJvm   JVM options of this case on top of the common ones (e.g. {@code -Xmx512m})
     */
    CaseOutcome run(CaseSpec spec, int reps, Baseline.Factory baselines, BeforeRep beforeRep, List<String> extraJvm) {
        progress.accept("bench: " + spec.name());
        long start = System.nanoTime();
        List<String> jvm = new ArrayList<>(jvmOptions);
        jvm.addAll(extraJvm);
        Path log = logs.resolve(spec.name().replaceAll("[^A-Za-z0-9._-]+", "_") + ".log");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            return CaseOutcome.failed(spec.name(), e.getMessage(), ChildMemory.UNKNOWN);
        }
        try (ChildCase child = ChildCase.start(spec, jvm, warmUpSeconds, log)) {
            RepMeasure warm = child.awaitReady();
            Baseline baseline = baselines == null ? null : baselines.create(warm);
            if (baseline != null) {
                beforeRep.run();
                baseline.rep(); // its warm-up
            }
            List<RepMeasure> measured = new ArrayList<>();
            List<RepMeasure> base = new ArrayList<>();
            for (int rep = 0; rep < reps; rep++) {
                boolean first = baselineFirst(rep);
                if (baseline != null && first) {
                    beforeRep.run();
                    base.add(baseline.rep());
                }
                beforeRep.run();
                measured.add(child.rep());
                if (baseline != null && !first) {
                    beforeRep.run();
                    base.add(baseline.rep());
                }
            }
            ChildMemory memory = child.end();
            progress.accept(String.format(Locale.ROOT, "bench: %s done in %.1f s", spec.name(),
                    (System.nanoTime() - start) / 1e9));
            return new CaseOutcome(spec.name(), warm, measured, base, memory, null);
        } catch (CaseFailedException e) {
            progress.accept("bench: " + spec.name() + " failed: " + e.getMessage());
            return CaseOutcome.failed(spec.name(), e.getMessage(), e.memory());
        } catch (IOException | RuntimeException e) {
            progress.accept("bench: " + spec.name() + " failed: " + e);
            return CaseOutcome.failed(spec.name(), String.valueOf(e.getMessage()), ChildMemory.UNKNOWN);
        }
    }
}
