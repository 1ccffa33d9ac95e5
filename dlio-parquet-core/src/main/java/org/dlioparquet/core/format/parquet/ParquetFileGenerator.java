package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.dlioparquet.core.DlioException;
import org.dlioparquet.core.config.ColumnSpec;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.format.parquet.codec.ParquetCodecFactory;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FileSpec;

/**
 * Writes one Parquet file per {@link FileSpec}: exactly {@code row_group_size} rows per row group,
 * PLAIN values, no dictionary, no page checksums, no statistics on blob/string/binary/list columns.
 * Files of flat columns (the blob layout, a column layout without lists) are written page by page
 * by {@link RawParquetWriter}, which keeps up with storage; a column layout with list columns goes
 * through parquet-java's writer with the same settings (no size statistics, our own codecs and a
 * staging {@code OutputFile} over the caller's channel). Nothing in the file depends on time or
 * thread, so the same spec always gives the same bytes.
 *
 * <p>Contents. Blob layout: row k = sample k, {@code data} = the bytes of
 * {@code new SeededContent(spec.sampleSeed(k)).fill(..., record_element_type)} over the sample shape
 * in C order, {@code label} = 0. Column layout: column i draws its values row after row from its own
 * stream {@code new SeededContent(SeededContent.mix(spec.seed(), 1_000_000 + i))}, so no value
 * depends on the row group size or on other columns: a numeric/bool/list row is one
 * {@code fill(size * width bytes, type)} (floats in [0, 1), integers over their whole range, bools
 * 0/1, {@code list} as float32), a {@code string} is {@code "s_" + (nextLong() >>> 33)}, a
 * {@code binary} value is {@code fill(size bytes, uint8)}. A reader returns exactly those bytes.
 *
 * <p>Footer key-value metadata: {@code dlio.generator = dlio-parquet} and, for the blob layout,
 * {@code dlio.sample_shape} (e.g. {@code 64,64}) and {@code dlio.element_type} (e.g. {@code uint8}).
 *
 * <p>Threads: each generating thread has a helper. For the blob layout, uncompressed, into a local
 * file, the two draw and write half of each row group's sample pages each, at places reserved in
 * the file; otherwise the caller fills pages and the helper compresses and writes them.
 *
 * <p>Memory: the raw writer holds two page buffers and the compressed copy of one page (about
 * 1 MiB each, or one sample when larger), whatever the number of columns, kept per generating
 * thread from file to file. parquet-java buffers a whole row group before writing
 * it, so for list columns a writer thread holds about {@code min(row_group_size, samples per file)} rows.
 */
final class ParquetFileGenerator implements FileGenerator {
    static final String GENERATOR_KEY = "dlio.generator";
    static final String GENERATOR = "dlio-parquet";
    static final String SHAPE_KEY = "dlio.sample_shape";
    static final String ELEMENT_TYPE_KEY = "dlio.element_type";

    private final DatasetConfig dataset;
    private final CompressionCodecName codec;
    private final MessageType schema;
    private final boolean raw;
    /** The raw writer's buffers and write-behind helper, reused from file to file by each generating thread. */
    private final ThreadLocal<RawWriterState> rawState = ThreadLocal.withInitial(RawWriterState::new);

    ParquetFileGenerator(DatasetConfig dataset) {
        this(dataset, true);
    }

    /** @param rawWriter false writes every file with parquet-java (to compare the two writers in tests) */
    ParquetFileGenerator(DatasetConfig dataset, boolean rawWriter) {
        this.dataset = dataset;
        this.codec = ParquetDatasetRules.codec(dataset.compression());
        if (codec == null) {
            throw new DlioException("dataset.compression: parquet supports " + ParquetDatasetRules.SUPPORTED
                    + "; got '" + dataset.compression() + "'");
        }
        this.schema = dataset.parquet().isBlobLayout() ? DlioSchemas.blob() : DlioSchemas.columns(dataset.parquet().columns());
        this.raw = rawWriter && (dataset.parquet().isBlobLayout()
                || dataset.parquet().columns().stream().noneMatch(DlioSchemas::isList));
    }

    @Override
    public void write(FileSpec spec, SeekableByteChannel out) throws IOException {
        Map<String, String> footer = new TreeMap<>();
        footer.put(GENERATOR_KEY, GENERATOR);
        int sampleBytes = 0;
        if (dataset.parquet().isBlobLayout()) {
            sampleBytes = blobSampleBytes(spec);
            footer.put(SHAPE_KEY, spec.sampleShape().stream().map(String::valueOf).collect(Collectors.joining(",")));
            footer.put(ELEMENT_TYPE_KEY, dataset.recordElementType().numpyName());
        }
        if (raw) {
            List<RawColumn> columns = new ArrayList<>();
            if (dataset.parquet().isBlobLayout()) {
                columns.addAll(BlobColumns.of(spec, dataset.recordElementType(), sampleBytes));
            } else {
                List<ColumnSpec> specs = dataset.parquet().columns();
                for (int i = 0; i < specs.size(); i++) {
                    columns.add(GeneratedColumn.of(specs.get(i), i, spec.seed()));
                }
            }
            RawParquetWriter.write(out, schema, footer, columns, spec.numSamples(), dataset.parquet().rowGroupSize(),
                    codec, dataset.compressionLevel(), rawState.get());
            return;
        }
        RowSource rows = dataset.parquet().isBlobLayout()
                ? new BlobRows(spec, dataset.recordElementType(), sampleBytes)
                : new ColumnRows(dataset.parquet().columns(), spec.seed());
        ParquetCodecFactory codecs = ParquetCodecFactory.forWriting(dataset.compressionLevel());
        RowWriterBuilder builder = new RowWriterBuilder(new ChannelOutputFile(out, spec.relativePath()),
                new RowWriteSupport(schema, footer, rows))
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(codecs)
                .withCompressionCodec(codec)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupRowCountLimit(dataset.parquet().rowGroupSize())
                .withRowGroupSize(Long.MAX_VALUE)
                .withDictionaryEncoding(false)
                .withPageWriteChecksumEnabled(false)
                .withSizeStatisticsEnabled(false)
                .withValidation(false);
        for (String column : statisticsFreeColumns()) {
            builder.withStatisticsEnabled(column, false);
        }
        try (ParquetWriter<Integer> writer = builder.build()) {
            for (int k = 0; k < spec.numSamples(); k++) {
                writer.write(k);
            }
        } finally {
            codecs.release();
        }
    }

    /** Sample bytes of this file, whose shape may differ from the nominal one (record length jitter). */
    private int blobSampleBytes(FileSpec spec) {
        long bytes = spec.sampleBytes(dataset.recordElementType());
        if (bytes > ParquetDatasetRules.MAX_SAMPLE_BYTES) {
            throw new DlioException(spec.relativePath() + ": a Parquet sample must be smaller than 2 GiB; shape "
                    + spec.sampleShape() + " gives " + bytes + " bytes");
        }
        String problem = ParquetDatasetRules.chunkProblem(DlioSchemas.DATA, bytes + 4,
                ParquetDatasetRules.rowsPerGroup(dataset.parquet().rowGroupSize(), spec.numSamples()));
        if (problem != null) {
            throw new DlioException(spec.relativePath() + ": dataset.parquet.row_group_size: " + problem);
        }
        return (int) bytes;
    }

    /** Columns whose min/max statistics would only cost time (blobs, strings, lists). */
    private List<String> statisticsFreeColumns() {
        if (dataset.parquet().isBlobLayout()) {
            return List.of(DlioSchemas.DATA);
        }
        List<String> names = new ArrayList<>();
        for (ColumnSpec c : dataset.parquet().columns()) {
            if (c.dtype().isVariableBytes()) {
                names.add(c.name());
            } else if (DlioSchemas.isList(c)) {
                names.add(c.name() + "." + DlioSchemas.LIST_GROUP + "." + DlioSchemas.ELEMENT);
            }
        }
        return names;
    }

    private static final class RowWriterBuilder extends ParquetWriter.Builder<Integer, RowWriterBuilder> {
        private final RowWriteSupport writeSupport;

        RowWriterBuilder(OutputFile file, RowWriteSupport writeSupport) {
            super(file);
            this.writeSupport = writeSupport;
        }

        @Override
        protected RowWriterBuilder self() {
            return this;
        }

        /** Abstract although deprecated; the ParquetConfiguration variant below is the one used. */
        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
            return writeSupport;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
            return writeSupport;
        }
    }
}
