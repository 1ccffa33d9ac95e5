package org.dlioparquet.core.format.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.SeededContent;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * Writes DLIO's HDF5 file: {@code records_0 .. records_{k-1}} (the same samples in each, as DLIO
 * writes one array k times), then {@code labels} (int64 zeros). Contiguous records (DLIO's default:
 * no chunks, no compression) are written into a {@link Hdf5Template} that jHDF made once for the
 * shape. Otherwise jHDF writes the file: it takes whole Java arrays and writes to a path, so the file
 * is built in memory (one array of the records, at most {@value Hdf5FormatProvider#MAX_DATASET_BYTES_TEXT})
 * and written to a temporary file that is then copied into the output channel.
 */
final class Hdf5Generator implements FileGenerator {
    /** Shapes kept as templates at most; jittered sample sizes make a shape per file. */
    private static final int MAX_TEMPLATES = 16;
    private static final int WRITE_BYTES = 1 << 20;
    /** Sample buffers kept between files: about one per writer thread. */
    private static final int SPARE_BUFFERS = 16;

    private final DatasetConfig dataset;
    /**
     * Templates by element type, datasets per record and shape; empty for one jHDF did not write
     * contiguous. Shared by every generator of the process: each generation makes a new generator,
     * and making a template is one whole jHDF write.
     */
    private static final Map<List<Object>, Optional<Hdf5Template>> TEMPLATES = new ConcurrentHashMap<>();

    private final boolean useTemplates;
    private final DirectBufferPool blocks = new DirectBufferPool(SPARE_BUFFERS);

    Hdf5Generator(DatasetConfig dataset) {
        this(dataset, true);
    }

    /** @param useTemplates false to have jHDF write every file (what the templates must match) */
    Hdf5Generator(DatasetConfig dataset, boolean useTemplates) {
        this.dataset = dataset;
        this.useTemplates = useTemplates;
    }

    @Override
    public void write(FileSpec spec, SeekableByteChannel out) throws IOException {
        ElementType type = dataset.recordElementType();
        boolean compressed = dataset.compression() == Compression.GZIP;
        Hdf5Layout layout = Hdf5Layout.of(spec, dataset.hdf5(), compressed);
        long bytes = layout.elements() * type.size();
        if (bytes > Hdf5FormatProvider.MAX_DATASET_BYTES) {
            throw new IOException(spec.relativePath() + ": an HDF5 dataset of " + bytes + " bytes is more than the "
                    + Hdf5FormatProvider.MAX_DATASET_BYTES_TEXT + " jHDF may hold in memory per file; lower "
                    + "dataset.num_samples_per_file");
        }
        Hdf5Template template = useTemplates && layout.chunks() == null ? template(spec, layout, type) : null;
        if (template != null) {
            // one buffer per file, whatever its datasets, kept for the next file: a new 1 MiB array per
            // file was zeroed fresh heap (and copied again into the JDK's own direct buffer by each write)
            ByteBuffer buffer = blocks.take(samplesPerWrite(layout, type) * sampleBytes(layout, type));
            try {
                template.write(out, data -> writeSamples(spec, layout, type, buffer, data));
            } finally {
                blocks.give(buffer);
            }
            return;
        }
        Path temp = Files.createTempFile("dlio-parquet-", ".h5");
        try {
            writeWithJhdf(spec, temp, records(spec, layout, type), layout, type);
            try (FileChannel in = FileChannel.open(temp, StandardOpenOption.READ)) {
                long size = in.size();
                for (long done = 0; done < size; ) {
                    done += in.transferTo(done, size - done, out);
                }
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The template of the layout's shape, made with jHDF on first use; {@code null} when jHDF did not
     * write contiguous records or when shapes vary too much to keep (jittered samples), then jHDF
     * writes the file.
     */
    private Hdf5Template template(FileSpec spec, Hdf5Layout layout, ElementType type) throws IOException {
        List<Object> key = List.of(type, layout.datasets(), Arrays.stream(layout.shape()).boxed().toList());
        Optional<Hdf5Template> known = TEMPLATES.get(key);
        if (known != null) {
            return known.orElse(null);
        }
        if (TEMPLATES.size() >= MAX_TEMPLATES) {
            return null;
        }
        Path temp = Files.createTempFile("dlio-parquet-", ".h5");
        try {
            int[] dims = Arrays.stream(layout.shape()).mapToInt(d -> (int) d).toArray();
            writeWithJhdf(spec, temp, Array.newInstance(javaType(type), dims), layout, type);
            // a template whose data is not exactly our samples' bytes would write files that only look right
            Optional<Hdf5Template> made = Optional.ofNullable(Hdf5Template.of(temp, layout.datasets()))
                    .filter(t -> t.dataBytes() == layout.elements() * type.size());
            TEMPLATES.putIfAbsent(key, made);
            return made.orElse(null);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes {@code records} as each {@code records_j} and the zero labels to {@code file} with jHDF. */
    private void writeWithJhdf(FileSpec spec, Path file, Object records, Hdf5Layout layout, ElementType type)
            throws IOException {
        DatasetCreationOptions.Builder options = DatasetCreationOptions.builder();
        if (!type.name().startsWith("INT") && !type.isFloating()) {
            options.unsigned();
        }
        if (layout.chunks() != null) {
            options.chunkDimensions(layout.chunks());
        }
        if (dataset.compression() == Compression.GZIP) {
            options.deflate(dataset.compressionLevel());
        }
        try (WritableHdfFile h = HdfFile.write(file)) {
            for (int j = 0; j < layout.datasets(); j++) {
                h.putDataset("records_" + j, records, options.build());
            }
            h.putDataset("labels", new long[spec.numSamples()]);
        } catch (HdfException e) {
            throw new IOException(spec.relativePath() + ": jHDF could not write the file: " + e.getMessage(), e);
        }
    }

    private static int sampleBytes(Hdf5Layout layout, ElementType type) {
        return (int) (layout.elements() / Math.max(1, layout.shape()[0]) * type.size());
    }

    /** Whole samples that fit in 1 MiB (at least one): written with one call. */
    private static int samplesPerWrite(Hdf5Layout layout, ElementType type) {
        return (int) Math.max(1, Math.min(layout.shape()[0], WRITE_BYTES / Math.max(1, sampleBytes(layout, type))));
    }

    /** One records dataset's data: the samples in order, little-endian, as many per write as {@code buffer} holds. */
    private static void writeSamples(FileSpec spec, Hdf5Layout layout, ElementType type, ByteBuffer buffer,
                                     WritableByteChannel out) throws IOException {
        long samples = layout.shape()[0];
        int sampleBytes = sampleBytes(layout, type);
        int perWrite = samplesPerWrite(layout, type);
        for (int k = 0; k < samples; k += perWrite) {
            int n = (int) Math.min(perWrite, samples - k);
            for (int i = 0; i < n; i++) {
                // sample k from its own stream: the same bytes as every other format's sample k
                buffer.limit((i + 1) * sampleBytes).position(i * sampleBytes);
                new SeededContent(spec.sampleSeed(k + i)).fill(buffer, type);
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            buffer.clear();
        }
    }

    /** The array jHDF writes: {@code shape} of the element's Java type, sample k from its seeded stream. */
    private static Object records(FileSpec spec, Hdf5Layout layout, ElementType type) {
        long[] shape = layout.shape();
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) shape[i];
        }
        Object array = Array.newInstance(javaType(type), dims);
        long rowElements = layout.elements() / Math.max(1, shape[0]);
        int innermost = dims[dims.length - 1];
        byte[] bytes = new byte[(int) (rowElements * type.size())];
        for (int k = 0; k < dims[0]; k++) {
            // the whole sample from one stream in one call: the same bytes as every other format's sample k
            new SeededContent(spec.sampleSeed(k)).fill(bytes, 0, bytes.length, type);
            ByteBuffer sample = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            Object target = Array.get(array, k);
            for (long e = 0; e < rowElements; e += innermost) {
                sample.limit(sample.position() + innermost * type.size());
                copy(sample.slice().order(ByteOrder.LITTLE_ENDIAN), innermostArray(target, e / innermost, dims), type);
                sample.position(sample.limit());
            }
        }
        return array;
    }

    /** The {@code index}-th innermost array (in C order) below {@code sample}. */
    private static Object innermostArray(Object sample, long index, int[] dims) {
        Object a = sample;
        long rest = index;
        long below = 1;
        for (int d = 2; d < dims.length - 1; d++) {
            below *= dims[d];
        }
        for (int d = 1; d < dims.length - 1; d++) {
            int i = (int) (rest / below);
            rest %= below;
            a = Array.get(a, i);
            if (d + 1 < dims.length - 1) {
                below /= dims[d + 1];
            }
        }
        return a;
    }

    private static void copy(ByteBuffer row, Object target, ElementType type) {
        switch (type) {
            case INT8, UINT8 -> row.get((byte[]) target);
            case INT16, UINT16 -> row.asShortBuffer().get((short[]) target);
            case INT32, UINT32 -> row.asIntBuffer().get((int[]) target);
            case INT64, UINT64 -> row.asLongBuffer().get((long[]) target);
            case FLOAT32 -> row.asFloatBuffer().get((float[]) target);
            case FLOAT64 -> row.asDoubleBuffer().get((double[]) target);
            default -> throw new IllegalArgumentException("hdf5 cannot write " + type);
        }
    }

    static Class<?> javaType(ElementType type) {
        return switch (type) {
            case INT8, UINT8 -> byte.class;
            case INT16, UINT16 -> short.class;
            case INT32, UINT32 -> int.class;
            case INT64, UINT64 -> long.class;
            case FLOAT32 -> float.class;
            case FLOAT64 -> double.class;
            default -> throw new IllegalArgumentException("hdf5 cannot write " + type);
        };
    }
}
