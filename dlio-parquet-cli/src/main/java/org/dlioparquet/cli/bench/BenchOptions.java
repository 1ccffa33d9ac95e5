package org.dlioparquet.cli.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How big and how long a benchmark run is, and what it includes.
 *
 * @param workFolder   where the run's own temporary folder is made (its file system is measured)
 * @param sizeMiB      payload of each case's dataset (CSV generation writes an eighth of it)
 * @param reps         measured repetitions per case (after the warm-up)
 * @param warmUpSeconds how long each case's child JVM repeats its work unmeasured (at least once) before
 *                     the first measured repetition: long enough for the JIT to compile the reader's per-sample
 *                     code, which a small bench dataset calls too few times per epoch (512 1 MiB samples) to
 *                     be compiled within one warm-up epoch; a real dataset's first minute does it
 * @param quick        shorter compute-emulator runs
 * @param keep         keep the temporary folder (datasets, child logs)
 * @param dropCaches   drop the page cache before every read repetition (needs root)
 * @param bigFile      also run the 2 GiB-file epoch in a JVM limited to 512 MiB of heap
 * @param millionFiles also plan and order an epoch over 1,000,000 files in a JVM limited to 200 MiB
 * @param sections     which of the regular sections run
 * @param jvmOptions   options for every child JVM
 * @param command      the command line, as the report shows it
 * @param s3Endpoint   the S3 server of the {@link Section#S3} section; {@code null} when none is given
 * @param s3Bucket     the bucket it works in (created when missing)
 */
public record BenchOptions(Path workFolder, int sizeMiB, int reps, double warmUpSeconds, boolean quick, boolean keep,
                           boolean dropCaches, boolean bigFile, boolean millionFiles, Set<Section> sections,
                           List<String> jvmOptions, String command, URI s3Endpoint, String s3Bucket) {

    /** The regular sections; the memory checks are opt-in flags, S3 needs a server ({@code --s3-endpoint}). */
    public enum Section { GENERATE, READ, TRACE, DIRECT, CHECKPOINT, MPI, DLRM, COMPUTE, S3 }

    public static final String DEFAULT_S3_BUCKET = "dlio-bench";

    public static final int DEFAULT_SIZE_MIB = 1024;
    public static final int QUICK_SIZE_MIB = 64;
    public static final int DEFAULT_REPS = 5;
    public static final int QUICK_REPS = 3;
    public static final int DEFAULT_WARM_UP_SECONDS = 5;

    public BenchOptions {
        Objects.requireNonNull(workFolder, "workFolder");
        if (sizeMiB < 1) {
            throw new IllegalArgumentException("size must be at least 1 MiB, got " + sizeMiB);
        }
        if (reps < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1, got " + reps);
        }
        if (!(warmUpSeconds >= 0)) {
            throw new IllegalArgumentException("warm-up seconds must be 0 or more, got " + warmUpSeconds);
        }
        sections = sections.isEmpty() ? EnumSet.noneOf(Section.class) : EnumSet.copyOf(sections);
        jvmOptions = List.copyOf(jvmOptions);
        Objects.requireNonNull(command, "command");
        if (sections.contains(Section.S3) && s3Endpoint == null) {
            throw new IllegalArgumentException("the s3 part needs --s3-endpoint (an S3 server; credentials from "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)");
        }
    }

    /** Every regular section but S3, no memory checks, full size. */
    public static BenchOptions defaults(Path workFolder) {
        return new BenchOptions(workFolder, DEFAULT_SIZE_MIB, DEFAULT_REPS, DEFAULT_WARM_UP_SECONDS, false, false,
                false, false, false, EnumSet.complementOf(EnumSet.of(Section.S3)), List.of(), "dlio-parquet bench",
                null, DEFAULT_S3_BUCKET);
    }

    public boolean includes(Section section) {
        return sections.contains(section);
    }

    /** Seconds of sleeping per repetition of a compute-precision case. */
    public double computeSecondsPerRep() {
        return quick ? 0.2 : 1.0;
    }
}
