package org.dlioparquet.core.format.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.expectedSample;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.config.Hdf5Config;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DLIO's HDF5 layout written with jHDF and read back chunk by chunk with counted bytes. */
class Hdf5FormatTest {
    private final Hdf5FormatProvider provider = new Hdf5FormatProvider();

    @TempDir
    Path dir;

    private Path write(DatasetConfig ds, FileSpec spec) throws IOException {
        Path file = dir.resolve(spec.fileName());
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            provider.newGenerator(ds).write(spec, out);
        }
        return file;
    }

    private static FileSpec spec(List<Integer> shape, int samples) {
        return new FileSpec("train/img_0_of_1.hdf5", Split.TRAIN, 0, 0, shape, samples, 9);
    }

    /** Sample k of every column, concatenated per column. */
    private static List<byte[]> read(SampleFile f, int k) throws IOException {
        List<ByteArrayOutputStream> cols = new ArrayList<>();
        f.read(k, 1, (SampleSink) (s, c, piece) -> {
            while (cols.size() <= c) {
                cols.add(new ByteArrayOutputStream());
            }
            byte[] b = new byte[piece.remaining()];
            piece.duplicate().get(b);
            cols.get(c).writeBytes(b);
        });
        return cols.stream().map(ByteArrayOutputStream::toByteArray).toList();
    }

    @Test
    void contiguousRecordsAndLabelsAsDlioWritesThem() throws IOException {
        DatasetConfig ds = TestDatasets.of(FormatType.HDF5).elementType(ElementType.UINT16).build();
        FileSpec spec = spec(List.of(6, 5), 4);
        Path file = write(ds, spec);

        try (HdfFile h = new HdfFile(file)) {
            Dataset records = h.getDatasetByPath("records_0");
            assertThat(records.getDimensions()).containsExactly(4, 6, 5);
            assertThat(records.getDataLayout().name()).isEqualTo("CONTIGUOUS");
            Dataset labels = h.getDatasetByPath("labels");
            assertThat(labels.getDimensions()).containsExactly(4);
            assertThat((long[]) labels.getData()).containsOnly(0L);
        }
        try (SampleFile f = provider.newReader(ReaderSettings.defaults()).open(file)) {
            assertThat(f.sampleCount()).isEqualTo(4);
            assertThat(f.columns()).containsExactly("records_0");
            long metadata = f.bytesRead();
            assertThat(read(f, 2).get(0)).isEqualTo(expectedSample(spec, 2, ElementType.UINT16));
            assertThat(f.bytesRead() - metadata).as("one sample read by us").isEqualTo(6 * 5 * 2);
            for (int k = 0; k < 4; k++) {
                assertThat(read(f, k).get(0)).isEqualTo(expectedSample(spec, k, ElementType.UINT16));
            }
        }
    }

    @Test
    void openFilesHoldNoSampleBufferAndFilesReadInTurnGetTheirOwnBytes() throws IOException {
        DatasetConfig ds = TestDatasets.of(FormatType.HDF5).build();
        FileSpec one = spec(List.of(512, 512), 3);
        FileSpec other = new FileSpec("train/img_1_of_2.hdf5", Split.TRAIN, 1, 0, List.of(512, 512), 3, 9);
        Path first = write(ds, one);
        Path second = write(ds, other);

        FormatReader reader = provider.newReader(ReaderSettings.defaults());
        try (SampleFile a = reader.open(first); SampleFile b = reader.open(second)) {
            // a 256 KiB sample buffer per open file was what a reader holding many files open kept
            assertThat(a.retainedBytes()).isLessThan(64 << 10);
            for (int k = 0; k < 3; k++) {
                assertThat(read(a, k).get(0)).as("first file, sample %d", k)
                        .isEqualTo(expectedSample(one, k, ElementType.UINT8));
                assertThat(read(b, k).get(0)).as("second file, sample %d", k)
                        .isEqualTo(expectedSample(other, k, ElementType.UINT8));
            }
        }
    }

    @Test
    void contiguousFilesWrittenIntoTheTemplateAreByteForByteWhatJhdfWrites() throws IOException {
        record Case(ElementType type, List<Integer> sample, int samples, int datasets) {
        }
        List<Case> cases = List.of(new Case(ElementType.UINT8, List.of(64, 64), 5, 1),
                new Case(ElementType.UINT16, List.of(6, 5), 4, 1), new Case(ElementType.INT32, List.of(1, 9, 7), 3, 1),
                new Case(ElementType.FLOAT32, List.of(33), 7, 1), new Case(ElementType.FLOAT64, List.of(4, 3, 2), 2, 1),
                new Case(ElementType.INT64, List.of(8, 3), 6, 2), new Case(ElementType.UINT8, List.of(300_000), 9, 1));
        for (Case c : cases) {
            DatasetConfig ds = TestDatasets.of(FormatType.HDF5).elementType(c.type())
                    .hdf5(new Hdf5Config(c.datasets(), List.of(), List.of())).build();
            Hdf5Generator templated = new Hdf5Generator(ds);
            Hdf5Generator jhdf = new Hdf5Generator(ds, false);
            // two files of one shape: the second is written into the template the first made
            for (int file = 0; file < 2; file++) {
                FileSpec spec = new FileSpec("train/img_" + file + "_of_2.hdf5", Split.TRAIN, file, 0, c.sample(),
                        c.samples(), 11);
                byte[] ours = bytes(templated, spec, "ours");
                byte[] theirs = bytes(jhdf, spec, "jhdf");
                assertThat(ours).as("%s file %d", c, file).isEqualTo(theirs);
                try (HdfFile h = new HdfFile(dir.resolve("ours-" + spec.fileName()))) {
                    assertThat(h.getDatasetByPath("records_0").getDataLayout().name()).isEqualTo("CONTIGUOUS");
                }
            }
        }
    }

    private byte[] bytes(Hdf5Generator generator, FileSpec spec, String prefix) throws IOException {
        Path file = dir.resolve(prefix + "-" + spec.fileName());
        Files.deleteIfExists(file);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            generator.write(spec, out);
        }
        return Files.readAllBytes(file);
    }

    @Test
    void gzipChunksOfOneSampleByDefaultAndChunkDimsWhenGiven() throws IOException {
        DatasetConfig gzip = TestDatasets.of(FormatType.HDF5).compression(Compression.GZIP).compressionLevel(6).build();
        FileSpec spec = spec(List.of(8, 8), 3);
        Path file = write(gzip, spec);
        try (HdfFile h = new HdfFile(file)) {
            ChunkedDataset records = (ChunkedDataset) h.getDatasetByPath("records_0");
            assertThat(records.getChunkDimensions()).containsExactly(1, 8, 8);
            assertThat(records.getFilters()).singleElement().asString().contains("deflate").contains("6");
        }
        try (SampleFile f = provider.newReader(ReaderSettings.defaults()).open(file)) {
            assertThat(read(f, 1).get(0)).isEqualTo(expectedSample(spec, 1, ElementType.UINT8));
        }

        // chunks across samples and across both dimensions: sample k is gathered from four chunks
        DatasetConfig chunked = TestDatasets.of(FormatType.HDF5).elementType(ElementType.FLOAT32)
                .hdf5(new Hdf5Config(1, List.of(2, 3, 4), List.of())).build();
        FileSpec spec2 = new FileSpec("train/img_0_of_2.hdf5", Split.TRAIN, 0, 0, List.of(5, 7), 5, 4);
        Path file2 = write(chunked, spec2);
        try (SampleFile f = provider.newReader(ReaderSettings.defaults()).open(file2)) {
            for (int k = 0; k < 5; k++) {
                assertThat(read(f, k).get(0)).as("sample %d", k).isEqualTo(expectedSample(spec2, k, ElementType.FLOAT32));
            }
        }
    }

    @Test
    void severalDatasetsPerRecordShareTheFirstDimension() throws IOException {
        DatasetConfig ds = TestDatasets.of(FormatType.HDF5).hdf5(new Hdf5Config(2, List.of(), List.of())).build();
        Path file = write(ds, spec(List.of(8, 3), 2));
        try (SampleFile f = provider.newReader(ReaderSettings.defaults()).open(file)) {
            assertThat(f.columns()).containsExactly("records_0", "records_1");
            List<byte[]> sample = read(f, 1);
            assertThat(sample).hasSize(2);
            assertThat(sample.get(0)).hasSize(4 * 3).isEqualTo(sample.get(1));
        }
    }

    @Test
    void aTruncatedFileIsADataError() throws IOException {
        Path file = write(TestDatasets.of(FormatType.HDF5).build(), spec(List.of(16, 16), 4));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        assertThatThrownBy(() -> {
            try (SampleFile f = provider.newReader(ReaderSettings.defaults()).open(file)) {
                f.read(0, f.sampleCount(), SampleSink.discard());
            }
        }).isInstanceOf(DataFileException.class).hasMessageStartingWith(file + ": ").satisfies(e ->
                assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void workloadsJhdfCannotWriteAreRefused() {
        List<String> errors = new ArrayList<>();
        ProblemReporter r = new ProblemReporter() {
            @Override
            public void error(String key, String message) {
                errors.add(key + ": " + message);
            }

            @Override
            public void warning(String key, String message) {
            }
        };
        provider.validate(TestDatasets.of(FormatType.HDF5).compression(Compression.LZF)
                .hdf5(new Hdf5Config(3, List.of(1, 2), List.of())).recordDims(4, 4).build(), r);
        assertThat(errors).containsExactlyInAnyOrder(
                "dataset.compression: lzf cannot be written: jHDF only decodes LZF; use gzip (HDF5 files with LZF "
                        + "chunks from h5py are read)",
                "dataset.hdf5.num_dset_per_record: 3 datasets cannot share a first sample dimension of 4 (it must "
                        + "divide it, as DLIO requires)",
                "dataset.hdf5.chunk_dims: needs 3 values (samples, then the sample's 2 dimensions); got [1, 2]");
    }

}
