package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.GroupConverter;
import org.dlioparquet.core.format.parquet.codec.ParquetCodecFactory;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;

/**
 * One open Parquet file. Reads one row group at a time (only the projected column chunks), decodes
 * it with parquet-java's column readers and keeps it, so rows are served from memory until a row
 * outside it is asked for: reading a file's rows in order reads each chunk once. Memory is bounded
 * by the largest row group, not by the file.
 */
final class ParquetSampleFile implements SampleFile {
    private final Path path;
    private final FileChannel channel;
    private final ChannelInputFile input;
    private final ParquetFileReader reader;
    private final FileLayout layout;
    private final ChunkPageLimit pageLimit;
    private final DecodedLeaf[] leaves;
    private final GroupConverter converter;
    private int loadedGroup = -1;

    private ParquetSampleFile(Path path, FileChannel channel, ChannelInputFile input, ParquetFileReader reader,
                              FileLayout layout, ChunkPageLimit pageLimit, long maxValueBytes) {
        this.path = path;
        this.channel = channel;
        this.input = input;
        this.reader = reader;
        this.layout = layout;
        this.pageLimit = pageLimit;
        List<LeafPlan> plans = layout.leaves();
        this.leaves = new DecodedLeaf[plans.size()];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = new DecodedLeaf(plans.get(i), maxValueBytes);
        }
        this.converter = NoOpConverters.forSchema(layout.requestedSchema());
    }

    /**
     * Opens {@code file}, checking its frame and footer unless {@code cache} already holds them for
     * this version of the file.
     */
    static ParquetSampleFile open(Path file, ReaderSettings settings, FooterCache cache) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            FooterCache.Key key = new FooterCache.Key(file.toAbsolutePath(), size, Files.getLastModifiedTime(file));
            ChannelInputFile input = new ChannelInputFile(file, channel, size);
            ChunkPageLimit limit = new ChunkPageLimit(settings.maxValueBytes());
            ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                    .withCodecFactory(ParquetCodecFactory.forReading(limit))
                    .useStatsFilter(false)
                    .useDictionaryFilter(false)
                    .useRecordFilter(false)
                    .useColumnIndexFilter(false)
                    .useBloomFilter(false)
                    .usePageChecksumVerification(false)
                    .build();
            FileLayout layout = cache.get(key);
            ParquetFileReader reader;
            if (layout == null) {
                long footerLength = FileEnvelope.check(file, input, size);
                reader = openReader(file, () -> new ParquetFileReader(input, options));
                try {
                    layout = FileLayout.of(file, reader.getFooter(), settings.columns(), size, footerLength);
                } catch (IOException | RuntimeException e) {
                    reader.close();
                    throw ParquetErrors.translate(file, "unusable footer", e);
                }
                cache.put(key, layout);
            } else {
                FileLayout cached = layout;
                reader = openReader(file, () -> new ParquetFileReader(input, cached.footer(), options,
                        input.newStream()));
            }
            reader.setRequestedSchema(layout.requestedSchema());
            return new ParquetSampleFile(file, channel, input, reader, layout, limit, settings.maxValueBytes());
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
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
    org.apache.parquet.hadoop.metadata.ParquetMetadata footer() {
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
            if (g != loadedGroup) {
                load(g);
            }
            int groupStart = layout.groupStart(g);
            int groupEnd = Math.min(end, layout.groupStart(g + 1));
            for (; k < groupEnd; k++) {
                int row = k - groupStart;
                for (DecodedLeaf leaf : leaves) {
                    leaf.deliver(row, k, leaf.plan().column(), sink);
                }
            }
        }
    }

    /** Reads and decodes the projected chunks of row group {@code g}. */
    private void load(int g) throws IOException {
        loadedGroup = -1;
        for (DecodedLeaf leaf : leaves) {
            leaf.clear();
        }
        int rows = layout.rows(g);
        String where = "row group " + g;
        try {
            PageReadStore pages = reader.readRowGroup(g);
            if (pages == null || pages.getRowCount() != rows) {
                throw new CorruptDataException("expected " + rows + " rows, parquet-java found "
                        + (pages == null ? "no row group" : pages.getRowCount()));
            }
            if (rows > 0) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, converter, layout.requestedSchema(),
                        layout.createdBy());
                for (int i = 0; i < leaves.length; i++) {
                    LeafPlan plan = leaves[i].plan();
                    where = "row group " + g + ", column '" + plan.dottedPath() + "'";
                    pageLimit.target(layout.chunkUncompressedSize(g, i));
                    ColumnReader column = store.getColumnReader(plan.descriptor());
                    leaves[i].decode(column, pages.getPageReader(plan.descriptor()).getTotalValueCount(), rows);
                }
            }
        } catch (IOException | RuntimeException e) {
            for (DecodedLeaf leaf : leaves) {
                leaf.clear();
            }
            throw ParquetErrors.translate(path, where, e);
        }
        loadedGroup = g;
    }

    /** The checked footer view this file reads with (for tests and tools). */
    FileLayout layout() {
        return layout;
    }

    @Override
    public long bytesRead() {
        return input.bytesRead();
    }

    @Override
    public void close() throws IOException {
        for (DecodedLeaf leaf : leaves) {
            leaf.clear();
        }
        try {
            reader.close();
        } finally {
            channel.close();
        }
    }
}
