package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetReaderBehaviourTest {
    @TempDir
    Path dir;

    @Test
    void oneReaderServesSeveralThreadsWithTheirOwnFiles() throws Exception {
        DatasetConfig dataset = TestDatasets.of(FormatType.PARQUET).compression(Compression.ZSTD).rowGroupSize(3)
                .elementType(ElementType.UINT8).build();
        FileSpec spec = ParquetTestSupport.spec(List.of(32, 32), 10, 11);
        Path file = ParquetTestSupport.write(dataset, spec, dir.resolve("f.parquet"));
        FormatReader reader = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    try (SampleFile f = reader.open(file)) {
                        for (int i = 0; i < 10; i++) {
                            int k = (i * 7 + offset) % 10;
                            CollectingSink sink = new CollectingSink();
                            f.read(k, sink);
                            if (!Arrays.equals(sink.value(k, 0),
                                    ParquetBlobRoundTripTest.expectedSample(spec, k, ElementType.UINT8))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFileWithoutRowsHasNoSamples() throws Exception {
        Path file = ParquetTestSupport.write(TestDatasets.of(FormatType.PARQUET).build(),
                ParquetTestSupport.spec(List.of(8, 8), 0, 1), dir.resolve("empty.parquet"));
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(file)) {
            assertThat(f.sampleCount()).isZero();
            f.read(0, 0, SampleSink.discard());
            assertThatThrownBy(() -> f.read(0, 1, SampleSink.discard())).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void aStorageFailureStaysAPlainIOExceptionAndIsNotReportedAsCorruption() throws Exception {
        Path file = ParquetTestSupport.write(TestDatasets.of(FormatType.PARQUET).build(),
                ParquetTestSupport.spec(List.of(8, 8), 3, 1), dir.resolve("f.parquet"));
        SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(file);
        f.close();
        // the channel is gone: parquet-java's read fails inside, and the original exception comes out
        assertThatThrownBy(() -> f.read(0, SampleSink.discard()))
                .isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void piecesAreReusedViewsThatTheSinkSeesOnlyDuringTheCall() throws Exception {
        DatasetConfig dataset = TestDatasets.of(FormatType.PARQUET).rowGroupSize(4).build();
        FileSpec spec = ParquetTestSupport.spec(List.of(4, 4), 4, 2);
        Path file = ParquetTestSupport.write(dataset, spec, dir.resolve("f.parquet"));
        List<ByteBuffer> seen = new ArrayList<>();
        CollectingSink first = new CollectingSink();
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(file)) {
            // a sink that moves the piece's position must not disturb later deliveries
            f.read(0, 4, (s, c, piece) -> {
                seen.add(piece);
                first.accept(s, c, piece);
                piece.position(piece.limit());
            });
            CollectingSink again = new CollectingSink();
            f.read(0, 4, again);
            for (int k = 0; k < 4; k++) {
                byte[] expected = ParquetBlobRoundTripTest.expectedSample(spec, k, ElementType.UINT8);
                assertThat(first.value(k, 0)).as("data %d, first read", k).isEqualTo(expected);
                assertThat(first.value(k, 1)).as("label %d, first read", k).isEqualTo(new byte[8]);
                assertThat(again.value(k, 0)).as("data %d, second read", k).isEqualTo(expected);
                assertThat(again.value(k, 1)).as("label %d, second read", k).isEqualTo(new byte[8]);
            }
        }
        assertThat(seen).hasSize(8);
        // the label pieces of all rows are one reused buffer: no allocation per sample
        assertThat(seen.get(1)).isSameAs(seen.get(3));
    }
}
