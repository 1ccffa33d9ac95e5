package org.dlioparquet.core.format.parquet.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.format.parquet.ParquetFormatProvider;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.spi.SeededContent;
import org.dlioparquet.core.testing.TestDatasets;

/**
 * Hand-run throughput check of the blob layout against a plain FileChannel on the same machine
 * (not a unit test): writes a file of {@code totalMiB} with samples of {@code sampleKiB}, reads it
 * back with the page cache warm, and prints medians in MiB/s.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:&lt;deps&gt; \
 *     org.dlioparquet.core.format.parquet.bench.ParquetBlobBench DIR [totalMiB] [sampleKiB] [rowGroupSize] [codec] [reps]
 * </pre>
 */
public final class ParquetBlobBench {
    private static final int BLOCK = 1 << 20;

    private ParquetBlobBench() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        int totalMiB = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int sampleKiB = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        int rowGroupSize = args.length > 3 ? Integer.parseInt(args[3]) : 1024;
        Compression codec = Compression.parse(args.length > 4 ? args[4] : "none");
        int reps = args.length > 5 ? Integer.parseInt(args[5]) : 5;

        int side = (int) Math.sqrt(sampleKiB * 1024.0);
        int samples = (int) ((long) totalMiB * 1024 / sampleKiB);
        DatasetConfig dataset = TestDatasets.of(FormatType.PARQUET).recordDims(side, side).samplesPerFile(samples)
                .rowGroupSize(rowGroupSize).compression(codec).compressionLevel(3).elementType(ElementType.UINT8)
                .build();
        FileSpec spec = new FileSpec("bench.parquet", Split.TRAIN, 0, 0, List.of(side, side), samples, 1);
        long payload = spec.sampleBytes(ElementType.UINT8) * samples;
        ParquetFormatProvider provider = new ParquetFormatProvider();
        Path parquet = dir.resolve("bench.parquet");
        Path plain = dir.resolve("bench.bin");

        List<Double> fcWrite = new ArrayList<>();
        List<Double> pqWrite = new ArrayList<>();
        List<Double> fill = new ArrayList<>();
        List<Double> fcRead = new ArrayList<>();
        List<Double> pqRead = new ArrayList<>();
        List<Double> fcGroupRead = new ArrayList<>();
        // what a reader that keeps a whole row group in memory could reach at best
        long groupBytes = Math.min((long) rowGroupSize * spec.sampleBytes(ElementType.UINT8), payload);
        ByteBuffer group = ByteBuffer.allocateDirect((int) Math.min(groupBytes, 1L << 30));
        ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
        byte[] random = new byte[BLOCK];
        new Random(1).nextBytes(random);
        block.put(random).flip();
        for (int rep = 0; rep < reps; rep++) {
            Files.deleteIfExists(plain);
            long t0 = System.nanoTime();
            try (FileChannel out = FileChannel.open(plain, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (long written = 0; written < payload; written += BLOCK) {
                    block.clear();
                    while (block.hasRemaining()) {
                        out.write(block);
                    }
                }
            }
            fcWrite.add(mibPerSecond(payload, System.nanoTime() - t0));

            t0 = System.nanoTime();
            byte[] sample = new byte[(int) spec.sampleBytes(ElementType.UINT8)];
            for (int k = 0; k < samples; k++) {
                new SeededContent(spec.sampleSeed(k)).fill(sample, 0, sample.length, ElementType.UINT8);
            }
            fill.add(mibPerSecond(payload, System.nanoTime() - t0));

            Files.deleteIfExists(parquet);
            t0 = System.nanoTime();
            try (FileChannel out = FileChannel.open(parquet, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                provider.newGenerator(dataset).write(spec, out);
            }
            pqWrite.add(mibPerSecond(payload, System.nanoTime() - t0));

            t0 = System.nanoTime();
            long read = 0;
            try (FileChannel in = FileChannel.open(parquet, StandardOpenOption.READ)) {
                block.clear();
                for (int n; (n = in.read(block)) >= 0; block.clear()) {
                    read += n;
                }
            }
            fcRead.add(mibPerSecond(read, System.nanoTime() - t0));

            t0 = System.nanoTime();
            read = 0;
            try (FileChannel in = FileChannel.open(parquet, StandardOpenOption.READ)) {
                group.clear();
                for (int n; (n = in.read(group)) >= 0; ) {
                    read += n;
                    if (!group.hasRemaining()) {
                        group.clear();
                    }
                }
            }
            fcGroupRead.add(mibPerSecond(read, System.nanoTime() - t0));

            long[] delivered = {0};
            SampleSink sink = (s, c, piece) -> delivered[0] += piece == null ? 0 : piece.remaining();
            t0 = System.nanoTime();
            try (SampleFile f = provider.newReader(ReaderSettings.defaults()).open(parquet)) {
                f.read(0, f.sampleCount(), sink);
            }
            pqRead.add(mibPerSecond(payload, System.nanoTime() - t0));
            if (delivered[0] < payload) {
                throw new IllegalStateException("read " + delivered[0] + " of " + payload + " bytes");
            }
        }
        System.out.printf(Locale.ROOT, "payload %d MiB, %d samples of %d B, row groups of %d rows, codec %s, file %d B%n",
                payload >> 20, samples, spec.sampleBytes(ElementType.UINT8), rowGroupSize, codec, Files.size(parquet));
        report("SeededContent fill only", fill, null);
        report("FileChannel write", fcWrite, null);
        report("parquet generate", pqWrite, fcWrite);
        report("FileChannel read (warm)", fcRead, null);
        report("FileChannel read, 1 group", fcGroupRead, fcRead);
        report("parquet read (warm)", pqRead, fcRead);
        Files.deleteIfExists(parquet);
        Files.deleteIfExists(plain);
    }

    private static double mibPerSecond(long bytes, long nanos) {
        return bytes / 1048576.0 / (nanos / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void report(String what, List<Double> values, List<Double> baseline) {
        String ratio = baseline == null ? "" : String.format(Locale.ROOT, "  = %.2f x baseline", median(values) / median(baseline));
        System.out.printf(Locale.ROOT, "%-26s median %7.0f MiB/s (min %.0f, max %.0f)%s%n", what, median(values),
                Collections.min(values), Collections.max(values), ratio);
    }
}
