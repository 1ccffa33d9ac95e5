package org.dlioparquet.core.format.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.read;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Grayscale noise images as DLIO writes them, read as bytes or decoded, and damaged ones refused. */
class ImageFormatTest {
    private static final ReaderSettings PIXELS = ReaderSettings.defaults().withColumns(List.of("pixels"));

    @TempDir
    Path dir;

    private static FormatProvider provider(String format) {
        return format.equals("png") ? new PngFormatProvider() : new JpegFormatProvider();
    }

    private Path write(FormatProvider p, int height, int width) throws IOException {
        DatasetConfig ds = TestDatasets.of(p.format()).samplesPerFile(1).build();
        FileSpec spec = new FileSpec("train/img_0_of_1." + p.format(), Split.TRAIN, 0, 0, List.of(height, width), 1, 3);
        Path file = dir.resolve(spec.fileName());
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            p.newGenerator(ds).write(spec, out);
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg"})
    void writesAGrayscaleImageOfD1RowsAndD2Columns(String format) throws IOException {
        Path file = write(provider(format), 30, 40);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(image.getHeight()).isEqualTo(30);
        assertThat(image.getWidth()).isEqualTo(40);
        if (format.equals("png")) { // lossless: randint(255) never gives 255
            byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (byte b : pixels) {
                assertThat(b & 0xFF).isLessThan(255);
            }
            // noise does not compress: about the raw size
            assertThat(Files.size(file)).isBetween(1200L, 1400L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg"})
    void readsTheFileBytesByDefaultAndThePixelsWhenAsked(String format) throws IOException {
        FormatProvider p = provider(format);
        Path file = write(p, 16, 24);
        long size = Files.size(file);

        try (SampleFile f = p.newReader(ReaderSettings.defaults()).open(file)) {
            assertThat(f.columns()).containsExactly("bytes");
            assertThat(read(f, 0, 1).sample(0)).isEqualTo(Files.readAllBytes(file));
            assertThat(f.bytesRead()).isEqualTo(size);
        }
        try (SampleFile f = p.newReader(PIXELS).open(file)) {
            assertThat(f.columns()).containsExactly("pixels");
            byte[] pixels = read(f, 0, 1).sample(0);
            BufferedImage expected = ImageIO.read(file.toFile());
            assertThat(pixels).isEqualTo(((DataBufferByte) expected.getRaster().getDataBuffer()).getData())
                    .hasSize(16 * 24);
            assertThat(f.bytesRead()).isEqualTo(size);
        }
        assertThatThrownBy(() -> p.newReader(ReaderSettings.defaults().withColumns(List.of("data"))))
                .hasMessageContaining("read as 'bytes'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg"})
    void aTruncatedImageIsRefusedWithOrWithoutDecoding(String format) throws IOException {
        FormatProvider p = provider(format);
        Path file = write(p, 20, 20);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 30));

        for (ReaderSettings s : List.of(ReaderSettings.defaults(), PIXELS)) {
            try (SampleFile f = p.newReader(s).open(file)) {
                assertThatThrownBy(() -> read(f, 0, 1)).isInstanceOf(DataFileException.class)
                        .hasMessageStartingWith(file + ": ").hasMessageContaining("(truncated file?)");
            }
        }
    }

    @Test
    void aFlippedBitInAPngIsAChunkCrcMismatch() throws IOException {
        FormatProvider p = provider("png");
        Path file = write(p, 20, 20);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x04;
        Files.write(file, bytes);

        try (SampleFile f = p.newReader(ReaderSettings.defaults()).open(file)) {
            assertThatThrownBy(() -> read(f, 0, 1)).isInstanceOf(DataFileException.class)
                    .hasMessageMatching(Pattern.quote(file.toString())
                            + ": PNG chunk \\d+ 'IDAT' at byte \\d+: CRC mismatch \\(corrupt data\\)");
        }
    }

    @Test
    void workloadsThatImagesCannotHoldAreRefused() {
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
        new JpegFormatProvider().validate(TestDatasets.of(FormatType.JPEG).samplesPerFile(2).recordDims(2, 3, 4)
                .elementType(ElementType.FLOAT32).build(), r);
        assertThat(errors).containsExactlyInAnyOrder(
                "dataset.record_element_type: jpeg images hold 8-bit pixels; set it to uint8 (DLIO resets it to uint8 "
                        + "with a warning), got float32",
                "dataset.record_dims: jpeg images have two dimensions (height, width); got [2, 3, 4]",
                "dataset.num_samples_per_file: a jpeg file holds one image; set it to 1, got 2");
    }
}
