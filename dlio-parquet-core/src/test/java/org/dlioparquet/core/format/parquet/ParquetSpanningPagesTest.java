package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleSink;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows of list columns that span data pages, as v1 pages may (older Arrow writers, and any writer
 * not asked for a page index): a row begun in one page goes on in the next, and some pages lie
 * wholly inside one row. No writer at hand cuts pages this way on request, so the file is written
 * page by page here with parquet-java's file writer, PLAIN or dictionary-encoded. The page decoder
 * must deliver the rows whole, in order, one at a time in any order, and to a file opened for every
 * row; parquet-java, given the same file, delivers the same pieces.
 */
class ParquetSpanningPagesTest {
    /** A list<uint8> value per row: null = null list; null elements allowed. */
    private static final List<List<Integer>> ROWS = rows();
    /** Entries per page: pages begin wherever the count falls, mostly inside rows. */
    private static final int PAGE_ENTRIES = 7;

    @TempDir
    Path dir;

    private static List<List<Integer>> rows() {
        List<List<Integer>> rows = new ArrayList<>();
        rows.add(List.of(1, 2, 3));
        rows.add(range(4, 16));
        rows.add(null);
        rows.add(List.of());
        rows.add(Arrays.asList(null, 7, 8, null));
        rows.add(List.of(9));
        rows.add(range(20, 60));
        rows.add(List.of(60));
        rows.add(Arrays.asList(61, null));
        rows.add(range(100, 130));
        return rows;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int i = from; i < to; i++) {
            r.add(i);
        }
        return r;
    }

    /** The pieces of each row as the reader must give them: runs of elements between nulls, nulls, empties. */
    private static List<String> expectedPieces() {
        List<String> pieces = new ArrayList<>();
        for (int row = 0; row < ROWS.size(); row++) {
            List<Integer> v = ROWS.get(row);
            if (v == null) {
                pieces.add(row + "/0:null");
                continue;
            }
            if (v.isEmpty()) {
                pieces.add(row + "/0:");
                continue;
            }
            StringBuilder run = new StringBuilder();
            for (Integer x : v) {
                if (x == null) {
                    if (run.length() > 0) {
                        pieces.add(row + "/0:" + run);
                        run.setLength(0);
                    }
                    pieces.add(row + "/0:null");
                } else {
                    run.append(HexFormat.of().toHexDigits((byte) (int) x));
                }
            }
            if (run.length() > 0) {
                pieces.add(row + "/0:" + run);
            }
        }
        return pieces;
    }

    @ParameterizedTest(name = "dictionary {0}")
    @ValueSource(booleans = {false, true})
    void rowsSpanningPagesAreDeliveredWhole(boolean dictionary) throws Exception {
        Path file = write(dir.resolve("spanning.parquet"), dictionary);
        List<String> expected = expectedPieces();
        for (int batch : new int[] {1, 3, ROWS.size()}) {
            assertThat(ParquetTestSupport.pieces(file, ReaderSettings.defaults(), true, batch)).isEqualTo(expected);
        }
        assertThat(ParquetTestSupport.pieces(file, ReaderSettings.defaults(), false, ROWS.size())).isEqualTo(expected);
        // the file is what it should be: pages that begin inside a row, one page wholly inside one
        ParquetFormatReader reader = new ParquetFormatReader(ReaderSettings.defaults());
        try (ParquetSampleFile f = (ParquetSampleFile) reader.open(file)) {
            f.read(0, ROWS.size(), SampleSink.discard());
        }
        PageTable.Known known;
        try (ParquetSampleFile f = (ParquetSampleFile) reader.open(file)) {
            known = f.layout().pageTable(0, 0);
        }
        assertThat(known.leading()).contains(PAGE_ENTRIES);
        assertThat(Arrays.stream(known.leading()).filter(l -> l > 0 && l < PAGE_ENTRIES)).isNotEmpty();
    }

    @ParameterizedTest(name = "dictionary {0}")
    @ValueSource(booleans = {false, true})
    void rowsAskedForInAnyOrderAndInFilesOpenedPerRowAreDeliveredWhole(boolean dictionary) throws Exception {
        Path file = write(dir.resolve("spanning.parquet"), dictionary);
        Map<Integer, List<String>> expected = new LinkedHashMap<>();
        for (String p : expectedPieces()) {
            expected.computeIfAbsent(Integer.parseInt(p.substring(0, p.indexOf('/'))), k -> new ArrayList<>()).add(p);
        }
        List<Integer> order = range(0, ROWS.size());
        Collections.shuffle(order, new Random(5));
        ParquetFormatReader reader = new ParquetFormatReader(ReaderSettings.defaults());
        for (boolean reopen : new boolean[] {false, true, true}) {
            ParquetSampleFile f = (ParquetSampleFile) reader.open(file);
            try {
                for (int row : order) {
                    if (reopen) {
                        f.close();
                        f = (ParquetSampleFile) reader.open(file);
                    }
                    List<String> got = new ArrayList<>();
                    f.read(row, 1, (s, c, p) -> got.add(s + "/" + c + ":" + (p == null ? "null" : ParquetTestSupport.hex(p))));
                    assertThat(got).as("row %d, reopen %s", row, reopen).isEqualTo(expected.get(row));
                }
            } finally {
                f.close();
            }
        }
    }

    /** Writes the rows as one list<uint8> column in v1 pages of {@link #PAGE_ENTRIES} level entries. */
    private static Path write(Path file, boolean dictionary) throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message m { optional group data (LIST) {"
                + " repeated group list { optional int32 element (INTEGER(8,false)); } } }");
        ColumnDescriptor column = schema.getColumns().get(0);
        List<int[]> entries = new ArrayList<>(); // rep, def, value
        for (List<Integer> v : ROWS) {
            if (v == null) {
                entries.add(new int[] {0, 0, 0});
            } else if (v.isEmpty()) {
                entries.add(new int[] {0, 1, 0});
            } else {
                for (int i = 0; i < v.size(); i++) {
                    entries.add(new int[] {i == 0 ? 0 : 1, v.get(i) == null ? 2 : 3, v.get(i) == null ? 0 : v.get(i)});
                }
            }
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ParquetFileWriter writer = new ParquetFileWriter(new ChannelOutputFile(out, file.toString()), schema,
                    ParquetFileWriter.Mode.CREATE, 1 << 20, 0);
            writer.start();
            writer.startBlock(ROWS.size());
            writer.startColumn(column, entries.size(), CompressionCodecName.UNCOMPRESSED);
            if (dictionary) {
                // the dictionary holds every value 0..255 in reverse, so an index is never the value
                ByteBuffer values = ByteBuffer.allocate(256 * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int v = 255; v >= 0; v--) {
                    values.putInt(v);
                }
                writer.writeDictionaryPage(new DictionaryPage(BytesInput.from(values.array()), 256,
                        Encoding.PLAIN_DICTIONARY));
            }
            for (int from = 0; from < entries.size(); from += PAGE_ENTRIES) {
                List<int[]> page = entries.subList(from, Math.min(entries.size(), from + PAGE_ENTRIES));
                BytesInput bytes = BytesInput.concat(levels(page, 0, 1), levels(page, 1, 2), values(page, dictionary));
                writer.writeDataPage(page.size(), (int) bytes.size(), bytes, Encoding.RLE, Encoding.RLE,
                        dictionary ? Encoding.PLAIN_DICTIONARY : Encoding.PLAIN);
            }
            writer.endColumn();
            writer.endBlock();
            writer.end(Map.of());
        }
        return file;
    }

    /** Levels {@code which} (0 repetition, 1 definition) of bit width {@code width}, RLE with a length prefix. */
    private static BytesInput levels(List<int[]> page, int which, int width) throws IOException {
        RunLengthBitPackingHybridEncoder e = new RunLengthBitPackingHybridEncoder(width, 64, 1024,
                new HeapByteBufferAllocator());
        for (int[] entry : page) {
            e.writeInt(entry[which]);
        }
        BytesInput encoded = BytesInput.copy(e.toBytes());
        return BytesInput.concat(BytesInput.fromInt((int) encoded.size()), encoded);
    }

    private static BytesInput values(List<int[]> page, boolean dictionary) throws IOException {
        if (!dictionary) {
            ByteBuffer plain = ByteBuffer.allocate(page.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int[] entry : page) {
                if (entry[1] == 3) {
                    plain.putInt(entry[2]);
                }
            }
            return BytesInput.from(Arrays.copyOf(plain.array(), plain.position()));
        }
        RunLengthBitPackingHybridEncoder e = new RunLengthBitPackingHybridEncoder(8, 64, 1024,
                new HeapByteBufferAllocator());
        for (int[] entry : page) {
            if (entry[1] == 3) {
                e.writeInt(255 - entry[2]);
            }
        }
        return BytesInput.concat(BytesInput.from(new byte[] {8}), BytesInput.copy(e.toBytes()));
    }
}
