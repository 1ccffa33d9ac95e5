package org.dlioparquet.core.format.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.generate;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.format.npy.ReadCounter;
import org.dlioparquet.core.storage.DirectBufferPool;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deflated member seen through positional reads, with its buffer and inflater borrowed and returned. */
class InflatedRegionTest {
    @TempDir
    Path dir;

    private final DirectBufferPool pool = new DirectBufferPool(4);
    private final InflaterPool inflaters = new InflaterPool(2);
    private Path file;
    private ZipMember member;
    private byte[] expected;

    @BeforeEach
    void deflatedArchive() throws IOException {
        file = generate(new NpzFormatProvider(), TestDatasets.of(FormatType.NPZ).elementType(ElementType.UINT8)
                .compression(Compression.ZIP).build(), spec("d.npz", List.of(300, 200), 3, 5), dir);
        try (FileChannel ch = FileChannel.open(file)) {
            member = PlainZipDirectory.find(ch, ch.size(), NpzSampleFile.MEMBER, new ReadCounter());
        }
        try (ZipFile zip = ZipFile.builder().setPath(file).get();
             InputStream in = zip.getInputStream(zip.getEntry(NpzSampleFile.MEMBER))) {
            expected = in.readAllBytes();
        }
    }

    private InflatedRegion open(FileChannel ch, ZipMember m) {
        return new InflatedRegion(ch, m.dataOffset(), m.compressedSize(), m.size(), m.crc(), new ReadCounter(), file,
                "x.npy: ", 2048, pool, inflaters);
    }

    @Test
    void skippingForwardLeavesTheCallersBytesPastTheLimitAlone() throws IOException {
        try (FileChannel ch = FileChannel.open(file); InflatedRegion region = open(ch, member)) {
            ByteBuffer dst = ByteBuffer.allocate(4096);
            Arrays.fill(dst.array(), (byte) 0x5A);
            dst.position(3).limit(13);

            assertThat(region.read(150_000, dst)).isEqualTo(10);

            assertThat(dst.position()).isEqualTo(13);
            assertThat(Arrays.copyOfRange(dst.array(), 3, 13)).isEqualTo(Arrays.copyOfRange(expected, 150_000, 150_010));
            byte[] untouched = new byte[4096 - 13];
            Arrays.fill(untouched, (byte) 0x5A);
            assertThat(Arrays.copyOfRange(dst.array(), 13, 4096)).isEqualTo(untouched);
            assertThat(dst.array()[0]).isEqualTo((byte) 0x5A);

            // a one-byte buffer skips as far in one call, and a read behind starts over
            ByteBuffer one = ByteBuffer.allocate(1);
            assertThat(region.read(expected.length - 1, one)).isEqualTo(1);
            assertThat(one.get(0)).isEqualTo(expected[expected.length - 1]);
            ByteBuffer head = ByteBuffer.allocate(100);
            assertThat(region.read(0, head)).isEqualTo(100);
            assertThat(head.array()).isEqualTo(Arrays.copyOf(expected, 100));
        }
    }

    @Test
    void theInflaterAndBufferGoBackOnCloseAndServeTheNextMemberEvenAfterAFailure() throws IOException {
        byte[] damaged = Files.readAllBytes(file);
        Arrays.fill(damaged, (int) member.dataOffset() + 500, (int) member.dataOffset() + 900, (byte) 0xFF);
        Path bad = Files.write(dir.resolve("bad.npz"), damaged);
        try (FileChannel ch = FileChannel.open(bad); InflatedRegion region = open(ch, member)) {
            assertThat(inflaters.kept()).isZero();
            assertThatThrownBy(() -> region.read(0, ByteBuffer.allocate(expected.length)))
                    .isInstanceOf(DataFileException.class);
        }
        assertThat(inflaters.kept()).isEqualTo(1);
        assertThat(pool.capacities()).hasSize(1);

        try (FileChannel ch = FileChannel.open(file); InflatedRegion region = open(ch, member)) {
            assertThat(inflaters.kept()).as("the inflater is in use again").isZero();
            assertThat(pool.capacities()).as("and so is the buffer").isEmpty();
            ByteBuffer all = ByteBuffer.allocate(expected.length);
            assertThat(region.read(0, all)).isEqualTo(expected.length);
            assertThat(all.array()).isEqualTo(expected);
        }
        assertThat(inflaters.kept()).isEqualTo(1);
    }
}
