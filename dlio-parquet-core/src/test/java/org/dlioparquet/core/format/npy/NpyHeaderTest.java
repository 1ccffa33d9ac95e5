package org.dlioparquet.core.format.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class NpyHeaderTest {

    /** numpy 2.4.6 {@code _write_array_header} output for these arrays, captured by hand. */
    private static final String F4_4096 = "{'descr': '<f4', 'fortran_order': False, 'shape': (4096,), }";
    private static final String B1_5D = "{'descr': '|b1', 'fortran_order': False, 'shape': (2, 3, 4, 5, 1), }";
    private static final String I2_BIG = "{'descr': '<i2', 'fortran_order': False, 'shape': (1234567890123, 7), }";
    private static final String F8_SCALAR = "{'descr': '<f8', 'fortran_order': False, 'shape': (), }";

    @Test
    void encodesExactlyTheHeaderNumpyWroteForTheInteropArray() throws IOException {
        byte[] fixture = Files.readAllBytes(Fixtures.file("interop/npz/dlio_x_uint8.npy"));

        byte[] ours = NpyHeader.encode(ElementType.UINT8, List.of(64L, 64L, 3L));

        assertThat(ours).hasSize(128).isEqualTo(Arrays.copyOf(fixture, 128));
    }

    @Test
    void encodesLikeNumpyForOtherTypesAndShapes() {
        assertThat(NpyHeader.encode(ElementType.FLOAT32, List.of(4096L))).isEqualTo(numpyV1(F4_4096));
        assertThat(NpyHeader.encode(ElementType.BOOL, List.of(2L, 3L, 4L, 5L, 1L))).isEqualTo(numpyV1(B1_5D));
        assertThat(NpyHeader.encode(ElementType.INT16, List.of(1234567890123L, 7L))).isEqualTo(numpyV1(I2_BIG));
        assertThat(NpyHeader.encode(ElementType.FLOAT64, List.of())).isEqualTo(numpyV1(F8_SCALAR));
        // y of DLIO's npz: one int64 label per sample
        String y = "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }";
        assertThat(NpyHeader.encode(ElementType.INT64, List.of(3L))).isEqualTo(numpyV1(y));
    }

    /** What numpy printed for each of these: preamble {@code \x93NUMPY 1.0 <118>}, dict, spaces, newline. */
    private static byte[] numpyV1(String dict) {
        String body = dict + " ".repeat(117 - dict.length()) + "\n";
        ByteBuffer b = ByteBuffer.allocate(128);
        b.put(NpyHeader.MAGIC).put((byte) 1).put((byte) 0).put((byte) 118).put((byte) 0);
        b.put(body.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    @Test
    void switchesToVersion2OnlyWhenTheDictOutgrowsTheSixteenBitLength() throws Exception {
        List<Long> manyDims = new ArrayList<>();
        for (int i = 0; i < 22_000; i++) {
            manyDims.add(1L);
        }
        byte[] v2 = NpyHeader.encode(ElementType.UINT8, manyDims);

        assertThat(v2[6]).isEqualTo((byte) 2);
        assertThat(v2.length % 64).isZero();
        assertThat(v2[v2.length - 1]).isEqualTo((byte) '\n');
        long lengthField = ByteBuffer.wrap(v2, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertThat(lengthField).isEqualTo(v2.length - 12).isGreaterThan(0xFFFF);
        NpyHeader back = parse(concat(v2, new byte[1]));
        assertThat(back.shape()).isEqualTo(manyDims);
        assertThat(back.dataOffset()).isEqualTo(v2.length);
    }

    @Test
    void parsesWhatItWritesForEveryElementType() throws Exception {
        for (ElementType t : ElementType.values()) {
            byte[] h = NpyHeader.encode(t, List.of(5L, 7L, 2L));
            NpyHeader parsed = parse(concat(h, new byte[5 * 7 * 2 * t.size()]));
            assertThat(parsed.type()).isEqualTo(t);
            assertThat(parsed.shape()).containsExactly(5L, 7L, 2L);
            assertThat(parsed.fortranOrder()).isFalse();
            assertThat(parsed.dataOffset()).isEqualTo(h.length).isEqualTo(128);
            assertThat(parsed.shapeText()).isEqualTo("(5, 7, 2)");
        }
    }

    @Test
    void acceptsNumpyVariantsOfTheLiteral() throws Exception {
        NpyHeader h = parse(v1("{\"shape\": (3, 4,), \"fortran_order\": True, \"descr\": \"<i4\"}", 48));
        assertThat(h.type()).isEqualTo(ElementType.INT32);
        assertThat(h.fortranOrder()).isTrue();
        assertThat(h.shape()).containsExactly(3L, 4L);
        assertThat(parse(v1("{'descr': '|u1', 'fortran_order': False, 'shape': (7,)}", 7)).shapeText())
                .isEqualTo("(7,)");
    }

    @Test
    void rejectsMalformedHeadersWithTheReason() {
        assertReason(new byte[]{'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0}, "expected magic \\x93NUMPY at byte 0, found 50 4b 03 04");
        byte[] v4 = v1("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }", 1);
        v4[6] = 4;
        assertReason(v4, "unsupported .npy format version 4.0");
        byte[] longHeader = v1("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }", 1);
        longHeader[8] = (byte) 0xF0;
        longHeader[9] = (byte) 0xFF;
        assertReason(longHeader, "header length 65520 exceeds the");
        assertReason(v1("{'descr': '|u1', 'shape': (1,), }", 1), "lacks 'fortran_order'");
        assertReason(v1("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), 'x': 1}", 1), "unexpected key 'x'");
        assertReason(v1("{'descr': '|u1', 'descr': '|u1', 'fortran_order': False, 'shape': (1,)}", 1),
                "key 'descr' appears twice");
        assertReason(v1("{'descr': '|u1', 'fortran_order': False, 'shape': (3)}", 3), "'shape' must be a tuple");
        assertReason(v1("{'descr': '|u1', 'fortran_order': False, 'shape': (-3,)}", 1),
                "expected a non-negative integer");
        assertReason(v1("{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (1,)}", 4), "structured");
        assertReason(v1("{'descr': '>i4', 'fortran_order': False, 'shape': (1,)}", 4), "'>i4' (big-endian)");
        assertReason(v1("{'descr': '<c16', 'fortran_order': False, 'shape': (1,)}", 16), "unsupported dtype '<c16'");
        assertReason(v1("{'descr': '|u1', 'fortran_order': 0, 'shape': (1,)}", 1), "expected True or False");
        assertReason(v1("{'descr': '|u1', 'fortran_order': False, 'shape': (1,)} junk", 1),
                "only padding may follow");
        assertReason(v1("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296)}", 0),
                "is too large");
        assertReason(v1("{'descr': '|u1', 'fortran_order': False, 'shape': (1,)", 1), "ends early");
    }

    @Test
    void checksTheDataSizeAgainstTheShape() throws Exception {
        byte[] h = NpyHeader.encode(ElementType.UINT8, List.of(64L, 64L, 4L));
        NpyHeader header = parse(concat(h, new byte[12288]));

        assertThatThrownBy(() -> NpyHeaderReader.checkDataSize(header, 128 + 12288))
                .hasMessage("header shape (64, 64, 4) needs 16384 bytes, only 12288 present");
        assertThatThrownBy(() -> NpyHeaderReader.checkDataSize(header, 128 + 16390))
                .hasMessage("header shape (64, 64, 4) needs 16384 bytes, 16390 present (6 unexpected trailing bytes)");
    }

    private static void assertReason(byte[] npy, String reasonPart) {
        assertThatThrownBy(() -> parse(npy)).isInstanceOf(NpyFormatException.class).hasMessageContaining(reasonPart);
    }

    /** A v1.0 stream with the given dict (padded like numpy) and {@code dataBytes} zero bytes of data. */
    private static byte[] v1(String dict, int dataBytes) {
        int hlen = dict.length() + 1;
        int pad = 64 - (10 + hlen) % 64;
        String body = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + body.length() + dataBytes);
        b.put(NpyHeader.MAGIC).put((byte) 1).put((byte) 0)
                .put((byte) body.length()).put((byte) (body.length() >> 8))
                .put(body.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    /** A region over {@code stream} that logs each read as {position, bytes}. */
    private static ByteRegion logging(byte[] stream, boolean streamsForward, List<long[]> reads) {
        return new ByteRegion() {
            @Override
            public long length() {
                return stream.length;
            }

            @Override
            public int read(long position, ByteBuffer dst) {
                int n = (int) Math.min(dst.remaining(), Math.max(0, stream.length - position));
                dst.put(stream, (int) position, n);
                reads.add(new long[] {position, n});
                return n;
            }

            @Override
            public boolean streamsForward() {
                return streamsForward;
            }
        };
    }

    @Test
    void readsNumpysHeaderInOneReadAndNoDataByteWithIt() throws Exception {
        byte[] stream = concat(numpyV1(F4_4096), new byte[4096 * 4]);
        List<long[]> reads = new ArrayList<>();
        NpyHeader h = NpyHeaderReader.read(logging(stream, false, reads), Long.MAX_VALUE);
        assertThat(h.dataOffset()).isEqualTo(128);
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0)).containsExactly(0, 128);
    }

    @Test
    void readsALongerHeaderWithoutReadingAnyByteTwice() throws Exception {
        List<Long> manyDims = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            manyDims.add(1L);
        }
        byte[] header = NpyHeader.encode(ElementType.UINT8, manyDims);
        List<long[]> reads = new ArrayList<>();
        NpyHeader h = NpyHeaderReader.read(logging(concat(header, new byte[] {7}), false, reads), Long.MAX_VALUE);
        assertThat(h.shape()).isEqualTo(manyDims);
        assertThat(reads).hasSize(2);
        assertThat(reads.get(1)[0]).isEqualTo(reads.get(0)[0] + reads.get(0)[1]);
        assertThat(reads.get(1)[0] + reads.get(1)[1]).isEqualTo(header.length);
    }

    @Test
    void readsAForwardOnlyStreamInExactStepsThatNeverGoBack() throws Exception {
        byte[] stream = concat(numpyV1(F4_4096), new byte[4096 * 4]);
        List<long[]> reads = new ArrayList<>();
        NpyHeaderReader.read(logging(stream, true, reads), Long.MAX_VALUE);
        assertThat(reads).extracting(r -> r[0] + ":" + r[1]).containsExactly("0:8", "8:2", "10:118");
    }

    static NpyHeader parse(byte[] stream) throws Exception {
        return NpyHeaderReader.read(logging(stream, false, new ArrayList<>()), Long.MAX_VALUE);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
