package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;

/**
 * Hand-run decode rate of Parquet files others wrote (not a unit test): one thread reads every row
 * of a file in batches as the runner does, through the page decoder or through parquet-java, and
 * prints the median rows/s (per wall second and per CPU second of the reading thread, which a busy
 * machine disturbs less) and MiB/s of delivered values over the repetitions (the first one warms
 * the JIT and is dropped), the bytes read and the process's peak resident memory. The pyarrow figure
 * to compare with comes from {@code realworld/pyarrow_rate.py} on the same file and columns.
 *
 * <p>With {@code ondemand} instead of a batch size it reads {@code reps} passes over the same random
 * rows (at most 20,000 of them), opening the file for each row as DLIO's {@code read_type: on_demand} does (footers
 * and what earlier opens learned about the pages are kept by the reader), and prints samples/s and
 * the bytes read per sample in the first pass and in the last.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:&lt;deps&gt; org.dlioparquet.core.format.parquet.RealWorldParquetBench \
 *     FILE [columns=all|dlrm27|a,b,c] [reps=5] [batch=2048|ondemand] [reader=fast|java]
 * </pre>
 */
public final class RealWorldParquetBench {
    private RealWorldParquetBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String cols = args.length > 1 ? args[1] : "all";
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        boolean onDemand = args.length > 3 && args[3].equals("ondemand");
        int batch = args.length > 3 && !onDemand ? Integer.parseInt(args[3]) : 2048;
        boolean fast = args.length <= 4 || !args[4].equals("java");
        List<String> columns = cols.equals("all") ? List.of() : cols.equals("dlrm27")
                ? Stream.concat(Stream.of("label"), Stream.concat(IntStream.range(0, 13).mapToObj(i -> "dense_" + i),
                        IntStream.range(0, 13).mapToObj(i -> "cat_" + i))).toList()
                : Arrays.asList(cols.split(","));
        ParquetFormatReader reader = new ParquetFormatReader(ReaderSettings.defaults().withColumns(columns), fast);
        if (onDemand) {
            onDemand(file, reader, reps, columns.isEmpty() ? "all" : String.valueOf(columns.size()));
            return;
        }
        List<Double> rates = new ArrayList<>();
        List<Double> mibs = new ArrayList<>();
        List<Double> cpuRates = new ArrayList<>();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long rows = 0;
        long read = 0;
        String path = "";
        for (int r = 0; r <= reps; r++) {
            long[] payload = {0};
            SampleSink sink = (s, c, piece) -> payload[0] += piece == null ? 0 : piece.remaining();
            long t0 = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            try (SampleFile f = reader.open(file)) {
                rows = f.sampleCount();
                for (int k = 0; k < f.sampleCount(); k += batch) {
                    f.read(k, Math.min(batch, f.sampleCount() - k), sink);
                }
                read = f.bytesRead();
                path = ((ParquetSampleFile) f).streamed() ? "page decoder" : "parquet-java";
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
            if (r > 0) {
                rates.add(rows / seconds);
                cpuRates.add(rows / cpuSeconds);
                mibs.add(payload[0] / seconds / 1048576.0);
            }
        }
        System.out.printf(Locale.ROOT, "%s [%s, %s columns, batch %d]: median %.4g rows/s (%.4g-%.4g), per CPU second "
                        + "%.4g rows/s, %.0f MiB/s of values, %d bytes read of %d, peak RSS %d MiB%n", file.getFileName(),
                path, columns.isEmpty() ? "all" : String.valueOf(columns.size()), batch, median(rates),
                Collections.min(rates), Collections.max(rates), median(cpuRates), median(mibs), read, Files.size(file),
                peakRssMiB());
    }

    private static void onDemand(Path file, ParquetFormatReader reader, int passes, String columns)
            throws IOException {
        int rows;
        try (SampleFile f = reader.open(file)) {
            rows = f.sampleCount();
        }
        List<Integer> order = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            order.add(r);
        }
        Collections.shuffle(order, new Random(1));
        order = new ArrayList<>(order.subList(0, Math.min(rows, 20_000)));
        long[] payload = {0};
        SampleSink sink = (s, c, piece) -> payload[0] += piece == null ? 0 : piece.remaining();
        for (int pass = 0; pass < passes; pass++) {
            Collections.shuffle(order, new Random(pass));
            long bytes = 0;
            payload[0] = 0;
            long t0 = System.nanoTime();
            for (int row : order) {
                try (SampleFile f = reader.open(file)) {
                    f.read(row, 1, sink);
                    bytes += f.bytesRead();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            int n = order.size();
            System.out.printf(Locale.ROOT, "%s [on demand, %s columns, %d of %d rows] pass %d: %.4g samples/s, %.0f "
                            + "bytes read per sample, %.0f bytes of values per sample%n", file.getFileName(), columns,
                    n, rows, pass + 1, n / seconds, bytes / (double) n, payload[0] / (double) n);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long peakRssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

}
