package org.dlioparquet.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.ColumnSpec;
import org.dlioparquet.core.config.ColumnType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.dataset.DatasetPlan;
import org.dlioparquet.core.spi.CompanionFile;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.storage.AtomicFiles;
import org.dlioparquet.core.testing.Fixtures;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seeded mutation fuzzer for the format readers: valid files (ours and other programs') with bits
 * flipped, lengths overwritten with extreme values, bytes cut, removed, repeated or inserted. Every
 * mutant must either read or fail with a {@link DataFileException}; any other exception, an
 * {@link OutOfMemoryError} or a read that does not finish in time fails the test, and the mutant is
 * kept under {@code target/fuzz-failures} to reproduce it.
 *
 * <p>A short run is part of {@code verify}. A long run:
 * {@code ./mvnw -pl dlio-parquet-core test -Dtest=ReaderFuzzTest -Dfuzz.iterations=100000 -Dfuzz.seed=7}
 * ({@code -Dfuzz.only=npz,csv} narrows it to some seed files).
 */
class ReaderFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 150);
    private static final long SEED = Long.getLong("fuzz.seed", 20261121L);
    /** Comma-separated name fragments to fuzz only some seeds, e.g. {@code -Dfuzz.only=npz,csv}. */
    private static final String ONLY = System.getProperty("fuzz.only", "");
    /** A hang, not a slow read: generous, so that a busy shared machine does not fail the build. */
    private static final long TIMEOUT_MS = 60_000;
    /** A small allocation cap, so a mutated length that slips past a check shows up as an error. */
    private static final ReaderSettings SETTINGS = ReaderSettings.defaults().withMaxValueBytes(64L << 20);
    private static final FormatRegistry FORMATS = FormatRegistry.loadDefault();

    @TempDir
    static Path seeds;
    private static ExecutorService reader;

    @BeforeAll
    static void start() {
        reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-reader");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stop() {
        reader.shutdownNow();
    }

    static Stream<Arguments> seedFiles() throws IOException {
        List<Arguments> out = new ArrayList<>();
        out.add(generated("npz", TestDatasets.of(FormatType.NPZ).samplesPerFile(3).recordLength(300).build()));
        out.add(generated("npz-deflate", TestDatasets.of(FormatType.NPZ).samplesPerFile(3).recordLength(300)
                .compression(Compression.ZIP).build()));
        out.add(generated("npy", TestDatasets.of(FormatType.NPY).samplesPerFile(3).recordLength(300).build()));
        out.add(generated("csv", TestDatasets.of(FormatType.CSV).samplesPerFile(4).recordLength(40).build()));
        out.add(generated("csv-gzip", TestDatasets.of(FormatType.CSV).samplesPerFile(4).recordLength(40)
                .compression(Compression.GZIP).build()));
        out.add(generated("parquet-blob", TestDatasets.of(FormatType.PARQUET).samplesPerFile(5).recordLength(200)
                .rowGroupSize(2).build()));
        out.add(generated("parquet-snappy", TestDatasets.of(FormatType.PARQUET).samplesPerFile(5).recordLength(200)
                .rowGroupSize(2).compression(Compression.SNAPPY).build()));
        out.add(generated("parquet-columns", TestDatasets.of(FormatType.PARQUET).samplesPerFile(6).rowGroupSize(3)
                .column(ColumnSpec.of("a", ColumnType.INT16)).column(new ColumnSpec("b", ColumnType.FLOAT32, 3, true))
                .column(ColumnSpec.of("s", ColumnType.STRING)).column(new ColumnSpec("c", ColumnType.BINARY, 5, true))
                .build()));
        out.add(generated("tfrecord", TestDatasets.of(FormatType.TFRECORD).samplesPerFile(3).recordLength(300).build()));
        out.add(generated("hdf5", TestDatasets.of(FormatType.HDF5).samplesPerFile(3).recordLength(300).build()));
        out.add(generated("png", TestDatasets.of(FormatType.PNG).samplesPerFile(1).recordLength(300).build()));
        out.add(generated("png-pixels", TestDatasets.of(FormatType.PNG).samplesPerFile(1).recordLength(300).build()));
        out.add(generated("jpeg-pixels", TestDatasets.of(FormatType.JPEG).samplesPerFile(1).recordLength(300).build()));
        out.add(generated("indexed-binary", TestDatasets.of(FormatType.INDEXED_BINARY).samplesPerFile(3)
                .recordLength(300).build()));
        out.add(generated("mmap-indexed-binary", TestDatasets.of(FormatType.MMAP_INDEXED_BINARY).samplesPerFile(3)
                .recordLength(300).build()));
        // jHDF parses slowly: one HDF5 file of ours (contiguous) and h5py's chunked LZF one
        for (String f : List.of("tfrecord/uint8/train/img_0_of_1.tfrecord", "hdf5/lzf_chunks_uint16.hdf5",
                "image/img_0_of_1.png", "image/img_0_of_1.jpeg")) {
            out.add(Arguments.of("python-" + Path.of(f).getFileName(), resource(f)));
        }
        for (String f : List.of("interop/npz/dlio_savez_uint8.npz", "interop/npz/dlio_savez_compressed_uint8.npz",
                "interop/npz/dlio_x_uint8.npy", "interop/csv/dlio_uint8.csv", "interop/csv/dlio_uint8.csv.gz",
                "interop/parquet/dlio_legacy_snappy.parquet", "interop/parquet/dlio_binary_label.parquet",
                "interop/parquet/dlrm_mixed_duckdb.parquet")) {
            out.add(Arguments.of(Path.of(f).getFileName().toString(), Fixtures.file(f)));
        }
        // what pyarrow and DuckDB write by default: dictionaries, nulls, lists, RLE booleans, pages v2
        for (String f : List.of("dlrm_pyarrow_v2_snappy.parquet", "blobs_pyarrow_v1_gzip.parquet",
                "duckdb_zstd.parquet")) {
            out.add(Arguments.of(f, realWorld(f)));
        }
        return out.stream().filter(a -> ONLY.isBlank()
                || Arrays.stream(ONLY.split(",")).anyMatch(o -> a.get()[0].toString().contains(o.trim())));
    }

    private static Path realWorld(String name) {
        try {
            return Path.of(ReaderFuzzTest.class.getResource("/org/dlioparquet/core/format/parquet/realworld/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Arguments generated(String name, DatasetConfig ds) throws IOException {
        FormatProvider p = FORMATS.provider(ds.format());
        FileSpec spec = new DatasetPlan(ds, p.fileExtension(ds)).spec(0);
        Path file = seeds.resolve(name + "." + p.fileExtension(ds));
        AtomicFiles.write(file, false, ch -> p.newGenerator(ds).write(spec, ch));
        for (CompanionFile c : p.companions(ds, spec)) { // the tables that sit beside the file (indexed binary)
            if (c.relativePath().startsWith(spec.relativePath())) {
                Path beside = Path.of(file + c.relativePath().substring(spec.relativePath().length()));
                AtomicFiles.write(beside, false, c::write);
            }
        }
        return Arguments.of(name, file);
    }

    /** A file of core's test resources ({@code src/test/resources/interop}). */
    private static Path resource(String relative) {
        try {
            return Path.of(ReaderFuzzTest.class.getResource("/interop/" + relative).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reader settings of a seed: image seeds named {@code -pixels} (and PIL's JPEG) are decoded. */
    private static ReaderSettings settingsFor(String name) {
        return name.contains("pixels") || name.endsWith(".jpeg") ? SETTINGS.withColumns(List.of("pixels")) : SETTINGS;
    }

    /** Copies the seed's unmutated side tables ({@code <file>.off.idx}, ...) beside the mutant. */
    private static void companionsBeside(Path seedFile, Path mutant) throws IOException {
        try (Stream<Path> siblings = Files.list(seedFile.getParent())) {
            for (Path s : siblings.toList()) {
                String n = s.getFileName().toString();
                String prefix = seedFile.getFileName() + ".";
                if (n.startsWith(prefix) && n.endsWith(".idx")) {
                    Files.copy(s, Path.of(mutant + n.substring(seedFile.getFileName().toString().length())),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedFiles")
    void mutantsReadOrFailWithADataFileException(String name, Path seedFile, @TempDir Path work) throws Exception {
        byte[] original = Files.readAllBytes(seedFile);
        String fileName = seedFile.getFileName().toString();
        FormatProvider provider = FORMATS.forFileName(fileName).orElseThrow();
        ReaderSettings settings = settingsFor(name);
        assertThat(readAll(provider, seedFile, settings)).as("the unmutated seed reads").isNull();
        Random random = new Random(SEED ^ name.hashCode());
        int rejected = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            StringBuilder how = new StringBuilder();
            byte[] mutant = Mutations.mutate(original, random, how);
            Path file = work.resolve(fileName);
            Files.write(file, mutant);
            companionsBeside(seedFile, file);
            Throwable outcome = readWithTimeout(provider, file, settings);
            if (outcome instanceof DataFileException) {
                rejected++;
                assertThat(outcome.getMessage()).doesNotContain("\n").startsWith(file.toString());
                continue;
            }
            if (outcome != null) {
                Path kept = keep(name, i, mutant, fileName);
                throw new AssertionError("mutant " + i + " of " + name + " (" + how + ", kept as " + kept
                        + ") escaped with " + outcome, outcome);
            }
        }
        assertThat(rejected).as("mutations are found out, not all read as valid").isPositive();
    }

    private static Throwable readWithTimeout(FormatProvider provider, Path file, ReaderSettings settings)
            throws InterruptedException {
        Future<Throwable> f = reader.submit(() -> readAll(provider, file, settings));
        try {
            return f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            reader.shutdownNow();
            reader = Executors.newSingleThreadExecutor();
            return new AssertionError("read did not finish within " + TIMEOUT_MS + " ms");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Opens and decodes every sample; returns what was thrown, or null. */
    private static Throwable readAll(FormatProvider provider, Path file, ReaderSettings settings) {
        try (SampleFile f = provider.newReader(settings).open(file)) {
            long[] bytes = new long[1];
            f.read(0, f.sampleCount(), (sample, column, piece) -> {
                if (piece != null) {
                    ByteBuffer p = piece.duplicate();
                    while (p.hasRemaining()) {
                        bytes[0] += p.get() & 1;
                    }
                }
            });
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static Path keep(String name, int i, byte[] mutant, String fileName) throws IOException {
        Path dir = Path.of("target", "fuzz-failures");
        Files.createDirectories(dir);
        Path kept = dir.resolve(name + "-" + SEED + "-" + i + "-" + fileName);
        Files.write(kept, mutant);
        return kept.toAbsolutePath();
    }
}
