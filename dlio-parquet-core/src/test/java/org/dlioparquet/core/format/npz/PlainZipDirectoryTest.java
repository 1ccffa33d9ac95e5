package org.dlioparquet.core.format.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.expectedSample;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.generate;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.read;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.spec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.format.npy.ReadCounter;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.testing.Fixtures;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The quick central-directory reader finds what commons-compress finds, or declines. */
class PlainZipDirectoryTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"interop/npz/dlio_savez_uint8.npz", "interop/npz/dlio_savez_compressed_uint8.npz",
            "interop/npz/dlio_savez_float32.npz", "dlio/up_npz_tiny/train/img_0_of_2.npz",
            "bad/npz_x_fortran_order.npz", "bad/npz_x_shape_too_big.npz"})
    void findsInNumpysAndDliosArchivesWhatCommonsCompressFinds(String name) throws IOException {
        Path file = Fixtures.file(name);
        assertThat(quick(file)).isNotNull().isEqualTo(commons(file));
    }

    @Test
    void findsInOurStoredAndDeflatedArchivesWhatCommonsCompressFinds() throws IOException {
        FileSpec spec = spec("ours.npz", List.of(30, 20), 3, 5);
        for (Compression c : List.of(Compression.NONE, Compression.ZIP)) {
            Path file = generate(new NpzFormatProvider(),
                    TestDatasets.of(FormatType.NPZ).elementType(ElementType.FLOAT32).compression(c).build(), spec,
                    Files.createDirectory(dir.resolve(c.yamlName())));
            ZipMember quick = quick(file);
            assertThat(quick).isNotNull().isEqualTo(commons(file));
            assertThat(quick.method()).isEqualTo(c == Compression.NONE ? ZipArchiveEntry.STORED : ZipArchiveEntry.DEFLATED);
        }
    }

    @Test
    void readsPastAnArchiveComment() throws IOException {
        Path file = archive("comment.npz", out -> out.setComment("written by a test"));
        assertThat(quick(file)).isNotNull().isEqualTo(commons(file));
    }

    @Test
    void declinesZip64EndRecordsAndADirectoryLongerThanTheTailWhichCommonsCompressStillReads() throws IOException {
        Path zip64 = archive("zip64.npz", out -> out.setUseZip64(Zip64Mode.Always));
        Path many = archive("many.npz", out -> {
            for (int i = 0; i < 8; i++) {
                member(out, "padding_member_with_a_long_name_" + i + ".npy", new byte[1]);
            }
        });
        for (Path file : List.of(zip64, many)) {
            assertThat(quick(file)).as(file.getFileName().toString()).isNull();
            try (SampleFile f = new NpzFormatProvider().newReader(ReaderSettings.defaults()).open(file)) {
                assertThat(f.sampleCount()).isEqualTo(2);
                assertThat(read(f, 1, 1).sample(1)).containsExactly(X_SAMPLE_1);
            }
        }
    }

    @Test
    void declinesDamagedDirectoriesSoThatCommonsCompressCanSayWhatIsWrong() throws IOException {
        for (String name : List.of("bad/npz_bad_central_dir_offset.npz", "bad/npz_bad_central_dir_signature.npz",
                "bad/npz_trunc_before_central_dir.npz", "bad/npz_trunc_50pct.npz", "bad/npz_missing_x.npz",
                "bad/empty.npz")) {
            assertThat(quick(Fixtures.file(name))).as(name).isNull();
        }
    }

    @Test
    void aOneSampleArchiveIsReadWithoutCommonsCompressAndTheCountedBytesStayWithinTheFile() throws IOException {
        FileSpec spec = spec("one.npz", List.of(64, 64), 1, 9);
        Path file = generate(new NpzFormatProvider(),
                TestDatasets.of(FormatType.NPZ).elementType(ElementType.UINT8).build(), spec, dir);
        try (SampleFile f = new NpzFormatProvider().newReader(ReaderSettings.defaults()).open(file)) {
            assertThat(read(f, 0, 1).sample(0)).isEqualTo(expectedSample(spec, 0, ElementType.UINT8));
            assertThat(f.bytesRead()).isLessThanOrEqualTo(Files.size(file));
            // only an archive opened with commons-compress can list its members
            assertThatThrownBy(((NpzSampleFile) f)::memberSummaries).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void declinesZip64SizesThatWouldOverflowPastTheEndOfTheFile() throws IOException {
        // dataOffset + compressed size wraps around to a negative number: must not look in range
        Path file = dir.resolve("huge.npz");
        Files.write(file, zip64Archive(Long.MAX_VALUE - 10));

        assertThat(quick(file)).isNull();
        // commons-compress accepts the directory; the reader's own check refuses the member
        assertThatThrownBy(() -> new NpzFormatProvider().newReader(ReaderSettings.defaults()).open(file))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": x.npy: member data of " + (Long.MAX_VALUE - 10) + " bytes at byte 55 runs past "
                        + "the end of the file (" + Files.size(file) + " bytes)");
    }

    /** x.npy of shape (2, 2) uint8: sample k is column k. */
    private static final byte[] X = npy(new byte[] {1, 2, 3, 4});
    private static final byte[] X_SAMPLE_1 = {2, 4};

    private static byte[] npy(byte[] data) {
        String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2), }";
        StringBuilder header = new StringBuilder(dict);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[10 + h.length + data.length];
        out[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, out, 1, 5);
        out[6] = 1;
        out[8] = (byte) h.length;
        System.arraycopy(h, 0, out, 10, h.length);
        System.arraycopy(data, 0, out, 10 + h.length, data.length);
        return out;
    }

    /**
     * A stored x.npy whose local and central headers defer both sizes to a ZIP64 extra field
     * holding {@code size}; the end record is the plain one.
     */
    private static byte[] zip64Archive(long size) {
        byte[] name = "x.npy".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(X);
        ByteBuffer b = ByteBuffer.allocate(30 + 5 + 20 + X.length + 46 + 5 + 20 + 22).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x04034b50).putShort((short) 45).putShort((short) 0).putShort((short) 0).putInt(0)
                .putInt((int) crc.getValue()).putInt(-1).putInt(-1).putShort((short) 5).putShort((short) 20)
                .put(name).putShort((short) 1).putShort((short) 16).putLong(size).putLong(size).put(X);
        int central = b.position();
        b.putInt(0x02014b50).putShort((short) 45).putShort((short) 45).putShort((short) 0).putShort((short) 0)
                .putInt(0).putInt((int) crc.getValue()).putInt(-1).putInt(-1).putShort((short) 5).putShort((short) 20)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0)
                .put(name).putShort((short) 1).putShort((short) 16).putLong(size).putLong(size);
        int end = b.position();
        b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1)
                .putInt(end - central).putInt(central).putShort((short) 0);
        return b.array();
    }

    private interface ArchiveSetup {
        void apply(ZipArchiveOutputStream out) throws IOException;
    }

    /** A stored archive holding x.npy, shaped by {@code setup} (called before the member is written). */
    private Path archive(String name, ArchiveSetup setup) throws IOException {
        Path file = dir.resolve(name);
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(file)) {
            setup.apply(out);
            member(out, "x.npy", X);
        }
        return file;
    }

    private static void member(ZipArchiveOutputStream out, String name, byte[] bytes) throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setMethod(ZipArchiveEntry.STORED);
        e.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        out.putArchiveEntry(e);
        out.write(bytes);
        out.closeArchiveEntry();
    }

    private static ZipMember quick(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            return PlainZipDirectory.find(ch, ch.size(), "x.npy", new ReadCounter());
        }
    }

    private static ZipMember commons(Path file) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            return ZipMember.of(zip.getEntry("x.npy"));
        }
    }
}
