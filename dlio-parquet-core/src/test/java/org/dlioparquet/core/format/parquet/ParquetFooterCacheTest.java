package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFooterCacheTest {
    @TempDir
    Path dir;

    private final DatasetConfig dataset = TestDatasets.of(FormatType.PARQUET).rowGroupSize(2).build();

    @Test
    void aSecondOpenOfTheSameFileReadsNoFooterBytes() throws Exception {
        Path file = ParquetTestSupport.write(dataset, ParquetTestSupport.spec(List.of(16, 16), 4, 1),
                dir.resolve("f.parquet"));
        FormatReader reader = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults());
        long firstOpen;
        try (SampleFile f = reader.open(file)) {
            firstOpen = f.bytesRead();
        }
        assertThat(firstOpen).isGreaterThan(12);
        try (SampleFile f = reader.open(file)) {
            assertThat(f.bytesRead()).isZero();
            assertThat(f.sampleCount()).isEqualTo(4);
            f.read(0, 4, SampleSink.discard());
            assertThat(f.bytesRead()).isPositive();
        }
        // another reader has its own cache
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(file)) {
            assertThat(f.bytesRead()).isEqualTo(firstOpen);
        }
    }

    @Test
    void aRewrittenFileIsCheckedAgain() throws Exception {
        Path file = ParquetTestSupport.write(dataset, ParquetTestSupport.spec(List.of(16, 16), 4, 1),
                dir.resolve("f.parquet"));
        FormatReader reader = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults());
        try (SampleFile f = reader.open(file)) {
            assertThat(f.sampleCount()).isEqualTo(4);
        }
        Files.delete(file);
        ParquetTestSupport.write(dataset, ParquetTestSupport.spec(List.of(16, 16), 6, 1), file);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000));
        try (SampleFile f = reader.open(file)) {
            assertThat(f.bytesRead()).isGreaterThan(12);
            assertThat(f.sampleCount()).isEqualTo(6);
        }
    }

    @Test
    void aFileRewrittenWithTheSameSizeIsCheckedAgainByItsModificationTime() throws Exception {
        FileSpec before = ParquetTestSupport.spec(List.of(16, 16), 4, 1);
        FileSpec after = ParquetTestSupport.spec(List.of(16, 16), 4, 2);
        Path file = ParquetTestSupport.write(dataset, before, dir.resolve("f.parquet"));
        long size = Files.size(file);
        FileTime written = Files.getLastModifiedTime(file);
        FormatReader reader = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults());
        try (SampleFile f = reader.open(file)) {
            assertThat(f.bytesRead()).isGreaterThan(12);
        }
        try (SampleFile f = reader.open(file)) {
            assertThat(f.bytesRead()).isZero();
        }
        Files.delete(file);
        ParquetTestSupport.write(dataset, after, file);
        // only the modification time tells the two versions apart
        assertThat(Files.size(file)).isEqualTo(size);
        Files.setLastModifiedTime(file, FileTime.fromMillis(written.toMillis() + 10_000));
        try (SampleFile f = reader.open(file)) {
            assertThat(f.bytesRead()).isGreaterThan(12);
            CollectingSink sink = new CollectingSink();
            f.read(0, sink);
            assertThat(sink.value(0, 0))
                    .isEqualTo(ParquetBlobRoundTripTest.expectedSample(after, 0, ElementType.UINT8))
                    .isNotEqualTo(ParquetBlobRoundTripTest.expectedSample(before, 0, ElementType.UINT8));
        }
    }

    @Test
    void theCacheDropsTheLeastRecentlyUsedFooter() throws Exception {
        Path file = ParquetTestSupport.write(dataset, ParquetTestSupport.spec(List.of(16, 16), 4, 1),
                dir.resolve("f.parquet"));
        FileLayout layout;
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(file)) {
            layout = ((ParquetSampleFile) f).layout();
        }
        FooterCache cache = new FooterCache(2);
        FooterCache.Key a = new FooterCache.Key(dir.resolve("a"), 1, FileTime.fromMillis(1));
        FooterCache.Key b = new FooterCache.Key(dir.resolve("b"), 1, FileTime.fromMillis(1));
        FooterCache.Key c = new FooterCache.Key(dir.resolve("c"), 1, FileTime.fromMillis(1));
        cache.put(a, layout);
        cache.put(b, layout);
        cache.get(a);
        cache.put(c, layout);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(b)).isNull();
        assertThat(cache.get(a)).isSameAs(layout);
        assertThat(cache.get(new FooterCache.Key(dir.resolve("a"), 2, FileTime.fromMillis(1)))).isNull();
    }
}
