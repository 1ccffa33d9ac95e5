package org.dlioparquet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The result lines every front end prints: one wording, DLIO's MB (MiB). */
class SummaryLinesTest {
    private static GenerationResult generated(long files, long bytes, long kept) {
        return new GenerationResult(Path.of("data"), 0, 1, files, bytes, Duration.ofSeconds(2), 3, kept, "");
    }

    @Test
    void aGenerationSaysWhatItWroteInMbOfTwoToTheTwenty() {
        assertThat(generated(16, 64L << 20, 0).summaryLine(false))
                .isEqualTo("Wrote 16 files, 64.0 MB in 2.00 s (32.0 MB/s) with 3 threads");
        assertThat(generated(1, 1L << 20, 3).summaryLine(true))
                .isEqualTo("Wrote 1 files, 1.0 MB in 2.00 s (0.5 MB/s) with 3 threads; "
                        + "resumed: 3 files were already complete");
    }

    @Test
    void aCompleteDatasetSaysHowItWasChecked() {
        GenerationResult nothing = new GenerationResult(Path.of("data"), 0, 1, 0, 0, Duration.ZERO, 3, 4, "");

        assertThat(nothing.summaryLine(false))
                .isEqualTo("Dataset complete: all 4 files match the manifest (sizes); nothing to do");
        assertThat(nothing.summaryLine(true))
                .isEqualTo("Dataset complete: all 4 files match the manifest (sizes and CRC32C); nothing to do");
    }

    @Test
    void aValidationSaysWhatItFound() {
        assertThat(new ValidationReport(4, 4, 3L << 20, 0, List.of()).summaryLine())
                .isEqualTo("dataset OK: 4 of 4 files, 3.0 MB");
        assertThat(new ValidationReport(4, 4, 3L << 20, 32, List.of()).summaryLine())
                .isEqualTo("dataset OK: 4 of 4 files, 3.0 MB, 32 samples decoded");
        assertThat(new ValidationReport(4, 3, 1L << 19, 0, List.of("x: missing")).summaryLine())
                .isEqualTo("dataset has problems: 3 of 4 files, 0.5 MB");
    }
}
