package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.dlioparquet.core.format.parquet.codec.ParquetCodecFactory;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files as pyarrow, DuckDB and parquet-java write them (dictionaries and their PLAIN fallback,
 * nulls, lists and nested lists, RLE booleans, pages v1 and v2, every codec): the page decoder
 * returns exactly the pieces parquet-java's record reader returns, however the rows are asked for.
 * The pyarrow and DuckDB files are {@code realworld/*.parquet}, written by
 * {@code realworld/make_fixtures.py}; the parquet-java files are written here.
 */
class ParquetRealWorldFilesTest {
    private static final List<String> CODECS = List.of("none", "snappy", "gzip", "zstd", "lz4");
    private static final List<String> DLRM27 = Stream.concat(Stream.of("label"), Stream.concat(
            IntStream.range(0, 13).mapToObj(i -> "dense_" + i), IntStream.range(0, 13).mapToObj(i -> "cat_" + i)))
            .toList();

    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(ParquetRealWorldFilesTest.class.getResource("realworld/" + name),
                    name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> pyarrowFiles() {
        List<Arguments> cases = new ArrayList<>();
        for (String kind : List.of("dlrm", "blobs")) {
            for (int version : new int[] {1, 2}) {
                for (String codec : CODECS) {
                    cases.add(Arguments.of(kind + "_pyarrow_v" + version + "_" + codec + ".parquet"));
                }
            }
        }
        return cases.stream();
    }

    /** Asserts both readers give the same, non-empty pieces, the page decoder reading in batches of {@code batches} rows. */
    private static void assertSamePieces(Path file, ReaderSettings settings, int... batches) throws IOException {
        List<String> expected = ParquetTestSupport.pieces(file, settings, false, Integer.MAX_VALUE);
        assertThat(expected).isNotEmpty();
        for (int batch : batches.length == 0 ? new int[] {7} : batches) {
            assertThat(ParquetTestSupport.pieces(file, settings, true, batch)).as("%s in batches of %d", file, batch)
                    .isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pyarrowFiles")
    void pyarrowFilesGiveTheSamePiecesAsParquetJava(String name) throws Exception {
        Path file = fixture(name);
        // batches of one row, of a few rows (not a divisor of the row groups or pages), of the whole file
        int[] batches = name.contains("_none") ? new int[] {1, 7, Integer.MAX_VALUE} : new int[] {7};
        if (name.startsWith("dlrm")) {
            assertSamePieces(file, ReaderSettings.defaults(), batches);
            assertSamePieces(file, ReaderSettings.defaults().withColumns(DLRM27));
        } else {
            // parquet-java cannot read the list<uint8> columns (see the next test)
            assertSamePieces(file, ReaderSettings.defaults().withColumns(List.of("big", "bin", "floats", "strs",
                    "nested", "label")), batches);
            assertSamePieces(file, ReaderSettings.defaults().withColumns(List.of("nested", "big")));
        }
    }

    /**
     * parquet-java 1.18.1 fails on the list<uint8> columns of these files ("Reading past
     * RLE/BitPacking stream": pages that lie inside one row); the pieces are checked against what
     * pyarrow reads instead, {@code realworld/expected.json} (a hash of one line per piece).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pyarrowFiles")
    void listOfUint8ColumnsGiveThePiecesOfWhatPyarrowReads(String name) throws Exception {
        if (!name.startsWith("blobs")) {
            return;
        }
        JsonNode expected = new ObjectMapper().readTree(fixture("expected.json").toFile()).get(name);
        for (String column : List.of("data", "var")) {
            for (int batch : new int[] {1, 7}) {
                List<String> lines = ParquetTestSupport.pieces(fixture(name),
                        ReaderSettings.defaults().withColumns(List.of(column)), true, batch).stream()
                        .map(p -> p.replaceFirst("/0:", ":")).toList();
                assertThat(sha256(String.join("\n", lines))).as("%s, column %s, batches of %d", name, column, batch)
                        .isEqualTo(expected.get(column).asText());
            }
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(
                StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void thePyarrowDlrmFilesHoldWhatTheyAreMeantToTest(int version) throws Exception {
        Path file = fixture("dlrm_pyarrow_v" + version + "_snappy.parquet");
        try (ParquetSampleFile f = open(file)) {
            List<ColumnChunkMetaData> chunks = chunks(f);
            List<EncodingStats> stats = chunks.stream().map(ColumnChunkMetaData::getEncodingStats).toList();
            assertThat(f.layout().leaves()).hasSize(41);
            for (ColumnChunkMetaData c : chunks) {
                assertThat(firstPageType(file, c)).isEqualTo(version == 1 ? PageType.DATA_PAGE : PageType.DATA_PAGE_V2);
            }
            // dictionary pages, chunks that fall back to PLAIN after them, chunks of several pages
            assertThat(stats).anyMatch(s -> s.hasDictionaryEncodedPages() && s.hasNonDictionaryEncodedPages());
            assertThat(stats).anyMatch(s -> s.hasDictionaryEncodedPages() && !s.hasNonDictionaryEncodedPages());
            assertThat(stats).anyMatch(s -> s.getNumDataPagesEncodedAs(Encoding.RLE_DICTIONARY) > 1);
            assertThat(stats).anyMatch(s -> s.getNumDataPagesEncodedAs(version == 1 ? Encoding.PLAIN : Encoding.RLE) > 0
                    && !s.hasDictionaryPages());
            CollectingSink sink = new CollectingSink();
            f.read(0, f.sampleCount(), sink);
            assertThat(sink.pieces).anyMatch(p -> p.bytes() == null);
        }
    }

    private static PageType firstPageType(Path file, ColumnChunkMetaData c) throws IOException {
        try (FileChannel in = FileChannel.open(file)) {
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(c.getTotalSize(), 1 << 16));
            in.read(b, c.getFirstDataPageOffset());
            return Util.readPageHeader(new ByteArrayInputStream(b.array(), 0, b.position())).getType();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "snappy", "gzip", "zstd", "lz4"})
    void duckdbFilesGiveTheSamePiecesAsParquetJava(String codec) throws Exception {
        Path file = fixture("duckdb_" + codec + ".parquet");
        assertSamePieces(file, ReaderSettings.defaults(), 1, 7);
        try (ParquetSampleFile f = open(file)) {
            assertThat(chunks(f).stream().map(ColumnChunkMetaData::getEncodings))
                    .anyMatch(e -> e.contains(Encoding.PLAIN_DICTIONARY));
        }
    }

    @Test
    void duckdbV2ColumnsInDeltaOrByteStreamSplitGoToParquetJavaAndTheRestToThePageDecoder() throws Exception {
        Path file = fixture("duckdb_v2_zstd.parquet");
        try (ParquetSampleFile f = open(file)) {
            assertThat(f.streamed()).isFalse();
            List<String> readers = IntStream.range(0, f.layout().leaves().size())
                    .mapToObj(i -> f.layout().leaves().get(i).dottedPath() + ": " + f.layout().obstacle(i)).toList();
            assertThat(readers).contains("label: null", "dense_0: null", "cat_0: null", "flag: null",
                    "dense_2: 'dense_2' uses encoding BYTE_STREAM_SPLIT (row group 0)",
                    "cat_8: 'cat_8' uses encoding DELTA_BINARY_PACKED (row group 0)",
                    "var.list.element: 'var.list.element' uses encoding DELTA_BINARY_PACKED (row group 0)");
            assertThat(ParquetDescription.of(f.layout())).anyMatch(l -> l.startsWith("  column [label]")
                    && l.endsWith("read by page decoder")).anyMatch(l -> l.startsWith("  column [cat_8]")
                    && l.endsWith("read by parquet-java ('cat_8' uses encoding DELTA_BINARY_PACKED (row group 0))"));
        }
        assertThat(ParquetTestSupport.pieces(file, ReaderSettings.defaults(), true, 7, false)).isNotEmpty()
                .isEqualTo(ParquetTestSupport.pieces(file, ReaderSettings.defaults(), false));
    }

    static Stream<Arguments> parquetJavaCases() {
        List<Arguments> cases = new ArrayList<>();
        for (WriterVersion version : WriterVersion.values()) {
            for (CompressionCodecName codec : List.of(CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY,
                    CompressionCodecName.GZIP, CompressionCodecName.ZSTD, CompressionCodecName.LZ4_RAW)) {
                cases.add(Arguments.of(version, codec));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("parquetJavaCases")
    void parquetJavaFilesGiveTheSamePiecesAsParquetJava(WriterVersion version, CompressionCodecName codec)
            throws Exception {
        Path file = writeWithParquetJava(dir.resolve("pj.parquet"), version, codec);
        try (ParquetSampleFile f = open(file)) {
            List<ColumnChunkMetaData> chunks = chunks(f);
            assertThat(chunks).anyMatch(c -> c.getEncodingStats().hasDictionaryPages());
            if (version == WriterVersion.PARQUET_1_0) {
                assertThat(f.streamed()).as("a v1 writer uses only what the page decoder reads").isTrue();
            } else {
                // the v2 writer falls back from dictionaries to DELTA encodings: those columns are parquet-java's
                assertThat(IntStream.range(0, f.layout().leaves().size()).mapToObj(f.layout()::obstacle))
                        .anyMatch(Objects::isNull).anyMatch(o -> o != null && o.contains("DELTA"));
            }
        }
        assertThat(ParquetTestSupport.pieces(file, ReaderSettings.defaults(), true, 5, false)).isNotEmpty()
                .isEqualTo(ParquetTestSupport.pieces(file, ReaderSettings.defaults(), false));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"blobs_pyarrow_v1_snappy.parquet", "blobs_pyarrow_v2_zstd.parquet",
        "blobs_pyarrow_v1_none.parquet", "dlrm_pyarrow_v1_gzip.parquet", "dlrm_pyarrow_v2_none.parquet",
        "duckdb_none.parquet"})
    void rowsAskedForOneAtATimeInAnyOrderGiveTheSamePieces(String name) throws Exception {
        Path file = fixture(name);
        // what the page decoder gives reading the file in order (checked against parquet-java and pyarrow above)
        List<String> expected = ParquetTestSupport.pieces(file, ReaderSettings.defaults(), true, Integer.MAX_VALUE);
        List<Integer> order = new ArrayList<>();
        try (ParquetSampleFile f = open(file)) {
            IntStream.range(0, f.sampleCount()).forEach(order::add);
        }
        Collections.shuffle(order, new Random(3));
        // a third of the DLRM file's rows, in random order, is enough to move back and forth between pages
        List<Integer> chosen = order.subList(0, Math.min(order.size(), 200));
        Set<Integer> read = new HashSet<>(chosen);
        List<String> wanted = expected.stream().filter(p -> read.contains(Integer.parseInt(p.substring(0,
                p.indexOf('/'))))).toList();
        ParquetFormatReader reader = new ParquetFormatReader(ReaderSettings.defaults());
        // in one open file, and in a file opened for every row (DLIO's on_demand), which the page tables
        // learned by earlier opens lead straight to the row's pages
        for (boolean reopen : new boolean[] {false, true}) {
            List<String[]> pieces = new ArrayList<>();
            SampleSink sink = (s, c, p) -> pieces.add(new String[] {String.format("%09d/%04d", s, c),
                s + "/" + c + ":" + (p == null ? "null" : ParquetTestSupport.hex(p))});
            ParquetSampleFile f = (ParquetSampleFile) reader.open(file);
            try {
                for (int row : chosen) {
                    if (reopen) {
                        f.close();
                        f = (ParquetSampleFile) reader.open(file);
                    }
                    f.read(row, 1, sink);
                }
            } finally {
                f.close();
            }
            pieces.sort((a, b) -> a[0].compareTo(b[0]));
            assertThat(pieces.stream().map(p -> p[1]).toList()).as("reopen %s", reopen).isEqualTo(wanted);
        }
    }

    private static ParquetSampleFile open(Path file) throws IOException {
        return (ParquetSampleFile) new ParquetFormatReader(ReaderSettings.defaults()).open(file);
    }

    private static List<ColumnChunkMetaData> chunks(ParquetSampleFile f) {
        return f.footer().getBlocks().stream().map(BlockMetaData::getColumns).flatMap(List::stream).toList();
    }

    /** DLRM-like and list columns with nulls, written by parquet-java's example writer with dictionaries on. */
    static Path writeWithParquetJava(Path file, WriterVersion version, CompressionCodecName codec)
            throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message m {"
                + " required int32 label (INTEGER(8,true));"
                + " optional float dense;"
                + " optional double wide;"
                + " optional int64 cat_low;"
                + " optional int64 cat_high;"
                + " optional int32 small (INTEGER(16,false));"
                + " optional boolean flag;"
                + " optional binary name (STRING);"
                + " optional fixed_len_byte_array(3) fixed;"
                + " optional group blob (LIST) { repeated group list { optional int32 element (INTEGER(8,false)); } }"
                + " optional group names (LIST) { repeated group list { optional binary element (STRING); } }"
                + "}");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        Random random = new Random(11);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             ParquetWriter<Group> writer = ExampleParquetWriter.builder(new ChannelOutputFile(out, file.toString()))
                     .withConf(new PlainParquetConfiguration())
                     .withCodecFactory(ParquetCodecFactory.forWriting(3))
                     .withCompressionCodec(codec)
                     .withWriterVersion(version)
                     .withType(schema)
                     .withDictionaryEncoding(true)
                     .withDictionaryPageSize(512)
                     .withPageSize(1024)
                     .withPageRowCountLimit(100)
                     .withRowGroupSize(16L << 10)
                     .build()) {
            for (int i = 0; i < 700; i++) {
                Group g = groups.newGroup().append("label", i % 2);
                if (i % 5 != 1) {
                    g.append("dense", random.nextInt(50) / 4f);
                }
                if (i % 7 != 2) {
                    g.append("wide", random.nextDouble());
                }
                if (i % 3 != 0) {
                    g.append("cat_low", (long) random.nextInt(12));
                }
                g.append("cat_high", random.nextLong());
                if (i % 4 != 3) {
                    g.append("small", random.nextInt(65536));
                }
                if (i % 6 != 5) {
                    g.append("flag", random.nextBoolean());
                }
                if (i % 8 != 7) {
                    g.append("name", "n" + random.nextInt(i < 300 ? 20 : 100_000));
                }
                if (i % 9 != 4) {
                    g.append("fixed", Binary.fromConstantByteArray(
                            new byte[] {(byte) i, (byte) (i >> 8), (byte) random.nextInt(4)}));
                }
                if (i % 10 != 3) {
                    Group list = g.addGroup("blob");
                    for (int k = 0; k < i % 23; k++) {
                        Group element = list.addGroup("list");
                        if ((i + k) % 17 != 0) {
                            element.append("element", random.nextInt(256));
                        }
                    }
                }
                if (i % 11 != 6) {
                    Group list = g.addGroup("names");
                    for (int k = 0; k < i % 4; k++) {
                        list.addGroup("list").append("element", "s" + random.nextInt(30));
                    }
                }
                writer.write(g);
            }
        }
        return file;
    }
}
