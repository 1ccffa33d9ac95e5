package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.dlioparquet.core.format.parquet.codec.ParquetCodecFactory;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.storage.DirectBufferPool;
import org.dlioparquet.core.storage.ReadChannels;

/**
 * One open Parquet file, opened through {@link ReadChannels} (plain or O_DIRECT). Its columns are
 * read by the page-streaming reader ({@link StreamedRowGroups}), which holds only the current page
 * of each projected column, except those the footer shows it cannot read
 * ({@link StreamingEligibility}), which parquet-java reads ({@link DecodedRowGroups}, one row group
 * at a time). Either way, reading a file's rows in order reads each projected chunk once; reading
 * one row of a streamed column reads only the pages that hold it.
 */
final class ParquetSampleFile implements SampleFile {
    private final Path path;
    private final FileChannel channel;
    private final ChannelInputFile input;
    private final FileLayout layout;
    private final RowGroupReader rows;

    private ParquetSampleFile(Path path, FileChannel channel, ChannelInputFile input, FileLayout layout,
                              RowGroupReader rows) {
        this.path = path;
        this.channel = channel;
        this.input = input;
        this.layout = layout;
        this.rows = rows;
    }

    /**
     * Opens {@code file}, checking its frame and footer unless {@code cache} already holds them for
     * this version of the file.
     *
     * @param streaming whether eligible files are read by the page-streaming reader (false: always parquet-java)
     */
    static ParquetSampleFile open(Path file, ReaderSettings settings, FooterCache cache, DirectBufferPool pool,
                                  boolean streaming) throws IOException {
        FileChannel channel = ReadChannels.open(file, settings);
        ParquetFileReader reader = null;
        try {
            long size = channel.size();
            FooterCache.Key key = new FooterCache.Key(file.toAbsolutePath(), size, Files.getLastModifiedTime(file));
            ChannelInputFile input = new ChannelInputFile(file, channel, size,
                    settings.retainReads() ? new RetainedRanges(settings.fileCacheBytes()) : null);
            ChunkPageLimit limit = new ChunkPageLimit(settings.maxValueBytes());
            FileLayout layout = cache.get(key);
            if (layout == null) {
                long footerLength = FileEnvelope.check(file, input, size);
                ParquetMetadata footer = FileFooter.read(file, input, size, footerLength);
                try {
                    layout = FileLayout.of(file, footer, settings.columns(), size, footerLength);
                } catch (IOException | RuntimeException e) {
                    throw ParquetErrors.translate(file, "unusable footer", e);
                }
                cache.put(key, layout);
            }
            int[] streamed = leaves(layout, streaming, true);
            int[] decoded = leaves(layout, streaming, false);
            RowGroupReader fast = streamed.length == 0 ? null
                    : new StreamedRowGroups(file, input, layout, streamed, pool, settings.maxValueBytes(),
                            settings.retainReads());
            RowGroupReader slow = null;
            if (decoded.length > 0 || fast == null) {
                MessageType schema = streaming ? layout.decodedSchema() : layout.requestedSchema();
                FileLayout checked = layout;
                reader = openReader(file, () -> new ParquetFileReader(input, checked.footer(), options(limit),
                        input.newStream()));
                reader.setRequestedSchema(schema);
                slow = new DecodedRowGroups(file, reader, layout, decoded, schema, limit, settings.maxValueBytes());
                reader = null;
            }
            RowGroupReader rows = slow == null ? fast : fast == null ? slow : new MixedRowGroups(fast, slow);
            return new ParquetSampleFile(file, channel, input, layout, rows);
        } catch (IOException | RuntimeException | Error e) {
            if (reader != null) {
                reader.close();
            }
            channel.close();
            throw e;
        }
    }

    /** The leaves the page-streaming reader reads ({@code fast}), or those parquet-java reads. */
    private static int[] leaves(FileLayout layout, boolean streaming, boolean fast) {
        return IntStream.range(0, layout.leaves().size())
                .filter(i -> (streaming && layout.obstacle(i) == null) == fast).toArray();
    }

    private static ParquetReadOptions options(ChunkPageLimit limit) {
        return ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecFactory.forReading(limit))
                .useStatsFilter(false)
                .useDictionaryFilter(false)
                .useRecordFilter(false)
                .useColumnIndexFilter(false)
                .useBloomFilter(false)
                .usePageChecksumVerification(false)
                .build();
    }

    private interface ReaderOpener {
        ParquetFileReader open() throws IOException;
    }

    private static ParquetFileReader openReader(Path file, ReaderOpener opener) throws IOException {
        try {
            return opener.open();
        } catch (IOException | RuntimeException e) {
            throw ParquetErrors.translate(file, "cannot read the footer", e);
        }
    }

    @Override
    public Path path() {
        return path;
    }

    /** The checked footer, for inspection. */
    ParquetMetadata footer() {
        return layout.footer();
    }

    @Override
    public int sampleCount() {
        return layout.sampleCount();
    }

    @Override
    public List<String> columns() {
        return layout.columns();
    }

    @Override
    public void read(int first, int count, SampleSink sink) throws IOException {
        int total = layout.sampleCount();
        if (first < 0 || count < 0 || first > total - count) {
            throw new IndexOutOfBoundsException("samples " + first + ".." + ((long) first + count - 1)
                    + " are not within the " + total + " samples of " + path);
        }
        int k = first;
        int end = first + count;
        while (k < end) {
            int g = layout.groupOf(k);
            int groupStart = layout.groupStart(g);
            int groupEnd = Math.min(end, layout.groupStart(g + 1));
            rows.deliver(g, k - groupStart, groupEnd - groupStart, k, sink);
            k = groupEnd;
        }
    }

    /** The checked footer view this file reads with (for tests and tools). */
    FileLayout layout() {
        return layout;
    }

    /** Whether the page-streaming reader serves every column of this file (for tests). */
    boolean streamed() {
        return rows instanceof StreamedRowGroups;
    }

    @Override
    public long bytesRead() {
        return input.bytesRead();
    }

    /** Bytes kept for shuffled reads and the current row group or pages; the footer is the shared cache's. */
    @Override
    public long retainedBytes() {
        return input.retainedBytes() + rows.retainedBytes();
    }

    @Override
    public void close() throws IOException {
        try {
            rows.close();
        } finally {
            channel.close();
        }
    }
}
