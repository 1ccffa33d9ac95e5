package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.format.parquet.ParquetFormatProvider;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.testing.TestDatasets;

/**
 * Hand-run throughput check of the Parquet blob layout against a plain FileChannel on the same
 * machine in the same run (not a unit test). Per case (row group size x codec) it writes
 * {@code files} files of {@code totalMiB / files} of 1 MiB samples with the provider's generator
 * and the same number of bytes with a FileChannel, then reads both with the page cache warm: the
 * Parquet files the way the runner does (a {@code SampleFile} per file, {@code read(first, 8)} per
 * batch, files opened through the provider's reader), the plain files into a 1 MiB direct buffer;
 * with 1 thread, and with 2 threads each taking every other file. Cases are interleaved within each
 * repetition (another process may load the machine); the first repetition warms the JIT and is
 * dropped. Prints medians in MiB/s and the ratio to the FileChannel figure.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:&lt;deps&gt; \
 *     org.dlioparquet.cli.bench.ParquetBlobBench DIR [totalMiB=1024] [files=4] [reps=5] \
 *     [rowGroups=64,1024] [codecs=none,zstd,snappy]
 * java -Xmx512m -cp ... ParquetBlobBench DIR memory [fileMiB=2048] [rowGroup=64]
 * </pre>
 * The second form writes one file (64 MiB row groups by default) and reads it with 2 threads at
 * once: it shows the reader's memory does not grow with the row group.
 */
public final class ParquetBlobBench {
    private static final int SAMPLE = 1 << 20;
    private static final int SIDE = 1024;
    private static final int BATCH = 8;

    private final Path dir;
    private final int files;
    private final int samplesPerFile;
    private final ByteBuffer block = ByteBuffer.allocateDirect(SAMPLE);
    private final Map<String, List<Double>> results = new LinkedHashMap<>();

    private ParquetBlobBench(Path dir, int files, int samplesPerFile) {
        this.dir = dir;
        this.files = files;
        this.samplesPerFile = samplesPerFile;
        byte[] random = new byte[SAMPLE];
        new Random(1).nextBytes(random);
        block.put(random).flip();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        if (args.length > 1 && args[1].equals("memory")) {
            memory(dir, args.length > 2 ? Integer.parseInt(args[2]) : 2048, args.length > 3 ? Integer.parseInt(args[3]) : 64);
            return;
        }
        int totalMiB = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int files = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        String[] groups = (args.length > 4 ? args[4] : "64,1024").split(",");
        String[] codecs = (args.length > 5 ? args[5] : "none,zstd,snappy").split(",");
        ParquetBlobBench bench = new ParquetBlobBench(dir, files, totalMiB / files);
        for (int rep = 0; rep <= reps; rep++) {
            for (String codec : codecs) {
                for (String group : groups) {
                    bench.runCase(Integer.parseInt(group), Compression.parse(codec), rep > 0);
                }
            }
        }
        bench.report(groups, codecs);
    }

    private static DatasetConfig dataset(int rowGroupSize, Compression codec, int samples) {
        return TestDatasets.of(FormatType.PARQUET).recordDims(SIDE, SIDE).samplesPerFile(samples)
                .rowGroupSize(rowGroupSize).compression(codec).compressionLevel(3).elementType(ElementType.UINT8)
                .build();
    }

    private static FileSpec spec(int i, int samples) {
        return new FileSpec("bench_" + i + ".parquet", Split.TRAIN, i, i, List.of(SIDE, SIDE), samples, 1 + i);
    }

    private void runCase(int rowGroupSize, Compression codec, boolean keep) throws Exception {
        String name = codec + "/" + rowGroupSize;
        ParquetFormatProvider provider = new ParquetFormatProvider();
        FileGenerator generator = provider.newGenerator(dataset(rowGroupSize, codec, samplesPerFile));
        List<Path> parquet = new ArrayList<>();
        List<Path> plain = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            parquet.add(dir.resolve("bench_" + i + ".parquet"));
            plain.add(dir.resolve("bench_" + i + ".bin"));
        }
        long payload = (long) files * samplesPerFile * SAMPLE;
        try {
            record(keep, name, "write FileChannel", timed(payload, () -> {
                for (Path p : plain) {
                    writePlain(p);
                }
            }));
            record(keep, name, "write parquet", timed(payload, () -> {
                for (int i = 0; i < files; i++) {
                    Files.deleteIfExists(parquet.get(i));
                    try (FileChannel out = FileChannel.open(parquet.get(i), StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)) {
                        generator.write(spec(i, samplesPerFile), out);
                    }
                }
            }));
            FormatReader reader = provider.newReader(ReaderSettings.defaults());
            for (int threads = 1; threads <= 2; threads++) {
                int t = threads;
                record(keep, name, "read FileChannel, " + t + " thr", timed(payload,
                        () -> inThreads(t, plain, ParquetBlobBench::readPlain)));
                record(keep, name, "read parquet, " + t + " thr", timed(payload,
                        () -> inThreads(t, parquet, p -> readParquet(reader, p))));
            }
        } finally {
            for (int i = 0; i < files; i++) {
                Files.deleteIfExists(parquet.get(i));
                Files.deleteIfExists(plain.get(i));
            }
        }
    }

    private void writePlain(Path p) throws IOException {
        Files.deleteIfExists(p);
        try (FileChannel out = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int k = 0; k < samplesPerFile; k++) {
                ByteBuffer b = block.duplicate();
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
        }
    }

    private static long readPlain(Path p) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(SAMPLE);
        long read = 0;
        try (FileChannel in = FileChannel.open(p, StandardOpenOption.READ)) {
            for (int n; (n = in.read(buffer.clear())) >= 0; ) {
                read += n;
            }
        }
        return read;
    }

    /** Reads the file as the runner does: consecutive rows, one call per batch. */
    private static long readParquet(FormatReader reader, Path p) throws IOException {
        long[] delivered = {0};
        SampleSink sink = (s, c, piece) -> delivered[0] += piece == null ? 0 : piece.remaining();
        try (SampleFile f = reader.open(p)) {
            for (int k = 0; k < f.sampleCount(); k += BATCH) {
                f.read(k, Math.min(BATCH, f.sampleCount() - k), sink);
            }
        }
        return delivered[0];
    }

    private interface FileTask {
        long run(Path p) throws IOException;
    }

    private static void inThreads(int threads, List<Path> paths, FileTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    long bytes = 0;
                    for (int i = first; i < paths.size(); i += threads) {
                        bytes += task.run(paths.get(i));
                    }
                    return bytes;
                }));
            }
            for (Future<Long> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double timed(long bytes, Work work) throws Exception {
        long t0 = System.nanoTime();
        work.run();
        return bytes / 1048576.0 / ((System.nanoTime() - t0) / 1e9);
    }

    private void record(boolean keep, String name, String what, double mibPerSecond) {
        if (keep) {
            results.computeIfAbsent(name + "|" + what, k -> new ArrayList<>()).add(mibPerSecond);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private void report(String[] groups, String[] codecs) {
        System.out.printf(Locale.ROOT, "%d files x %d samples of 1 MiB; medians of %d reps, MiB/s (min-max)%n",
                files, samplesPerFile, results.values().iterator().next().size());
        for (String codec : codecs) {
            for (String group : groups) {
                String name = Compression.parse(codec) + "/" + group;
                System.out.println(name + " (codec/row group rows)");
                line(name, "write FileChannel", null);
                line(name, "write parquet", "write FileChannel");
                for (int t = 1; t <= 2; t++) {
                    line(name, "read FileChannel, " + t + " thr", null);
                    line(name, "read parquet, " + t + " thr", "read FileChannel, " + t + " thr");
                }
            }
        }
    }

    private void line(String name, String what, String baseline) {
        List<Double> v = results.get(name + "|" + what);
        String ratio = baseline == null ? ""
                : String.format(Locale.ROOT, "  = %.2f x FileChannel", median(v) / median(results.get(name + "|" + baseline)));
        System.out.printf(Locale.ROOT, "  %-24s %7.0f (%.0f-%.0f)%s%n", what, median(v), Collections.min(v),
                Collections.max(v), ratio);
    }

    /** Writes one large file and reads it with 2 threads at once, printing the peak heap and direct memory. */
    private static void memory(Path dir, int fileMiB, int rowGroupSize) throws Exception {
        ParquetFormatProvider provider = new ParquetFormatProvider();
        Path file = dir.resolve("memory.parquet");
        Files.deleteIfExists(file);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            provider.newGenerator(dataset(rowGroupSize, Compression.NONE, fileMiB)).write(spec(0, fileMiB), out);
        }
        try {
            FormatReader reader = provider.newReader(ReaderSettings.defaults());
            long t0 = System.nanoTime();
            inThreads(2, List.of(file, file), p -> readParquet(reader, p));
            double seconds = (System.nanoTime() - t0) / 1e9;
            Runtime rt = Runtime.getRuntime();
            long direct = ManagementFactory.getPlatformMXBeans(
                    BufferPoolMXBean.class).stream().filter(b -> b.getName().equals("direct"))
                    .mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
            System.out.printf(Locale.ROOT, "read a %d MiB file with row groups of %d MiB twice, 2 threads at once, in "
                    + "%.1f s; max heap %d MiB, heap used now %d MiB, direct buffers %d MiB%n", fileMiB,
                    rowGroupSize, seconds, rt.maxMemory() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20,
                    direct >> 20);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
