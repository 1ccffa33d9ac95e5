package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.values.bitpacking.BitPacking;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.schema.PrimitiveType;

/**
 * The levels and values of one data page, decoded just enough to hand values out as slices:
 * definition levels become "which entries hold a value" (nothing at all when every entry does),
 * repetition levels become "where each row starts", dictionary indices and booleans become an int
 * per value, and PLAIN values stay where they are. Value {@code v} is then bytes
 * {@code [baseOffset + id * width, ... + width)} of {@link #base} for a fixed-width type (id =
 * {@code ids[v]}, or {@code v} without ids), or {@code [starts[id], ends[id])} for BYTE_ARRAY.
 * Arrays are reused from page to page; every length read from the file is checked against the
 * page's bytes before it is used.
 */
final class DecodedPage {
    /** The two booleans as one-byte values, indexed by the decoded bit. */
    private static final ByteBuffer BOOLEANS = ByteBuffer.wrap(new byte[] {0, 1}).order(ByteOrder.LITTLE_ENDIAN);

    private final LeafPlan plan;
    private final long maxValueBytes;
    private final int maxDef;
    private final int maxRep;
    private final int defWidth;
    private final int repWidth;
    /** PLAIN bytes per value; -1 for BYTE_ARRAY, 0 for booleans (bits). */
    private final int storedWidth;
    /** One decoder per thread: a page is decoded in one call, and a file opened per sample should not make one. */
    private static final ThreadLocal<HybridRle> DECODERS = ThreadLocal.withInitial(HybridRle::new);
    private HybridRle rle;

    // levels
    int entries;
    int present;
    boolean allPresent;
    /** Definition level of each entry, when not all entries hold a value. */
    int[] defs = new int[0];
    /** Flat leaves with nulls: the value index of each entry, -1 for null. */
    int[] valueOf = new int[0];
    /** Repeated leaves: the entries where rows start, and the value index at each. */
    int[] rowStarts = new int[0];
    int[] rowValues = new int[0];
    int rowCount;
    /** Repeated leaves: the repetition level of the page's first entry. */
    int firstLevel;

    // values
    ByteBuffer base;
    int baseOffset;
    /** Bytes per value in {@link #base}; -1 for BYTE_ARRAY. */
    int width;
    /** Dictionary index or boolean of each value; null for PLAIN fixed-width and BYTE_ARRAY values. */
    int[] ids;
    private int[] idBuffer = new int[0];
    int[] starts;
    int[] ends;
    private int[] plainStarts = new int[0];
    private int[] plainEnds = new int[0];
    /** Whether the values are dictionary entries (so {@link #base} is the dictionary, not the page). */
    boolean dictionaryEncoded;

    DecodedPage(LeafPlan plan, long maxValueBytes) {
        this.plan = plan;
        this.maxValueBytes = maxValueBytes;
        this.maxDef = plan.maxDefinitionLevel();
        this.maxRep = plan.maxRepetitionLevel();
        this.defWidth = BytesUtils.getWidthFromMaxInt(maxDef);
        this.repWidth = BytesUtils.getWidthFromMaxInt(maxRep);
        this.storedWidth = storedWidth(plan.descriptor().getPrimitiveType());
    }

    /** PLAIN bytes per value of a physical type; -1 for BYTE_ARRAY, 0 for BOOLEAN. */
    static int storedWidth(PrimitiveType type) {
        switch (type.getPrimitiveTypeName()) {
            case INT32: case FLOAT: return 4;
            case INT64: case DOUBLE: return 8;
            case INT96: return 12;
            case FIXED_LEN_BYTE_ARRAY: return type.getTypeLength();
            case BOOLEAN: return 0;
            default: return -1;
        }
    }

    /**
     * Decodes the page {@code pages} has just loaded.
     *
     * @param dictionary the chunk's dictionary, loaded when the chunk has one
     */
    void decode(ChunkPages pages, Dictionary dictionary) throws IOException {
        rle = DECODERS.get();
        entries = pages.entries;
        checkEntries(entries);
        Encoding encoding;
        int pos;
        if (pages.v2) {
            encoding = pages.header.encoding();
            readRepetition(pages.levels, pages.repStart, pages.repEnd, Encoding.RLE);
            readDefinition(pages.levels, pages.repEnd, pages.defEnd, Encoding.RLE);
            pos = pages.valuesStart;
        } else {
            PageInfo d = pages.header;
            encoding = d.encoding();
            pos = pages.valuesStart;
            if (maxRep > 0) {
                pos = readV1Levels(pages.values, pos, pages.valuesEnd, d.repetitionEncoding(), true);
            }
            if (maxDef > 0) {
                pos = readV1Levels(pages.values, pos, pages.valuesEnd, d.definitionEncoding(), false);
            } else {
                readDefinition(null, 0, 0, Encoding.RLE);
            }
            if (maxRep == 0) {
                rowCount = entries;
            }
        }
        readValues(pages.values, pos, pages.valuesEnd, encoding, dictionary);
    }

    private void checkEntries(int n) throws CorruptDataException {
        if (n < 0 || n * 8L > maxValueBytes) {
            throw new CorruptDataException("a data page declares " + n + " values, more than the reader can index "
                    + "within " + maxValueBytes + " bytes (maxValueBytes)");
        }
    }

    /** v1 levels: RLE with a 4-byte length, or (deprecated) bit-packed; returns where the next section starts. */
    private int readV1Levels(ByteBuffer page, int pos, int end, Encoding encoding, boolean repetition)
            throws IOException {
        String what = repetition ? "repetition" : "definition";
        if (encoding == Encoding.RLE) {
            if (end - pos < 4) {
                throw new CorruptDataException("the page ends before its " + what + " levels");
            }
            int length = page.getInt(pos);
            pos += 4;
            if (length < 0 || length > end - pos) {
                throw new CorruptDataException("the page declares " + length + " bytes of " + what
                        + " levels but has " + (end - pos) + " left");
            }
            if (repetition) {
                readRepetition(page, pos, pos + length, encoding);
            } else {
                readDefinition(page, pos, pos + length, encoding);
            }
            return pos + length;
        }
        if (encoding == Encoding.BIT_PACKED) {
            int bitWidth = repetition ? repWidth : defWidth;
            long length = ((long) entries * bitWidth + 7) / 8;
            if (length > end - pos) {
                throw new CorruptDataException("the page's bit-packed " + what + " levels need " + length
                        + " bytes but it has " + (end - pos) + " left");
            }
            int[] levels = bitPacked(page, pos, (int) length, bitWidth);
            if (repetition) {
                repetitionFrom(levels);
            } else {
                definitionFrom(levels);
            }
            return pos + (int) length;
        }
        throw new CorruptDataException(what + " levels encoded " + encoding + " are not supported");
    }

    /** The deprecated BIT_PACKED level encoding (most significant bit first), one int per entry. */
    private int[] bitPacked(ByteBuffer page, int pos, int length, int bitWidth) throws IOException {
        int[] levels = new int[entries];
        BitPacking.BitPackingReader reader = BitPacking.createBitPackingReader(bitWidth,
                new BufferInput(page, pos, pos + length), entries);
        for (int i = 0; i < entries; i++) {
            levels[i] = reader.read();
        }
        return levels;
    }

    private void readRepetition(ByteBuffer levels, int start, int end, Encoding encoding) throws CorruptDataException {
        if (maxRep == 0) {
            if (end != start) {
                throw new CorruptDataException("the page has " + (end - start) + " bytes of repetition levels for a "
                        + "column that is not repeated");
            }
            rowCount = entries;
            return;
        }
        rowStarts = rle.start(levels, start, end, repWidth).rowStarts(entries, maxRep, rowStarts);
        rowCount = rle.found();
        firstLevel = rle.firstLevel();
    }

    private void repetitionFrom(int[] levels) throws CorruptDataException {
        int k = 0;
        if (rowStarts.length < entries + 8) {
            rowStarts = new int[entries + 8];
        }
        for (int e = 0; e < entries; e++) {
            int level = levels[e];
            if (level < 0 || level > maxRep) {
                throw new CorruptDataException("repetition level " + level + " is outside 0.." + maxRep);
            }
            if (level == 0) {
                rowStarts[k++] = e;
            }
        }
        rowCount = k;
        firstLevel = entries > 0 ? levels[0] : 0;
    }

    /** Definition levels: which entries hold a value; with {@code levels == null}, every entry does. */
    private void readDefinition(ByteBuffer levels, int start, int end, Encoding encoding) throws CorruptDataException {
        if (maxDef == 0) {
            if (end != start) {
                throw new CorruptDataException("the page has " + (end - start) + " bytes of definition levels for a "
                        + "required column");
            }
            allPresent = true;
            present = entries;
            return;
        }
        if (maxRep == 0) {
            if (valueOf.length < entries + 8) {
                valueOf = new int[entries + 8];
            }
            present = rle.start(levels, start, end, defWidth).presence(entries, maxDef, valueOf);
            allPresent = present == entries;
            return;
        }
        if (rle.start(levels, start, end, defWidth).allEqual(entries, maxDef)) {
            allPresent = true;
            present = entries;
            return;
        }
        if (defs.length < entries + 8) {
            defs = new int[entries + 8];
        }
        rle.start(levels, start, end, defWidth).decode(defs, 0, entries);
        countPresent();
    }

    private void definitionFrom(int[] levels) throws CorruptDataException {
        if (defs.length < entries + 8) {
            defs = new int[entries + 8];
        }
        System.arraycopy(levels, 0, defs, 0, entries);
        countPresent();
    }

    /** Checks the definition levels and indexes the entries that hold values. */
    private void countPresent() throws CorruptDataException {
        allPresent = false;
        int n = 0;
        boolean flat = maxRep == 0;
        if (flat && valueOf.length < entries) {
            valueOf = new int[entries + 8];
        }
        for (int e = 0; e < entries; e++) {
            int def = defs[e];
            if (def < 0 || def > maxDef) {
                throw new CorruptDataException("definition level " + def + " is outside 0.." + maxDef);
            }
            if (flat) {
                valueOf[e] = def == maxDef ? n : -1;
            }
            n += def == maxDef ? 1 : 0;
        }
        present = n;
        allPresent = n == entries;
    }

    /** For repeated leaves with nulls: the value index at each row start (after both levels are read). */
    private void indexRowValues() {
        if (rowValues.length < rowCount) {
            rowValues = new int[rowStarts.length];
        }
        int v = 0;
        int e = 0;
        for (int k = 0; k < rowCount; k++) {
            for (int start = rowStarts[k]; e < start; e++) {
                v += defs[e] == maxDef ? 1 : 0;
            }
            rowValues[k] = v;
        }
    }

    private void readValues(ByteBuffer page, int pos, int end, Encoding encoding, Dictionary dictionary)
            throws IOException {
        if (maxRep > 0 && !allPresent) {
            indexRowValues();
        }
        dictionaryEncoded = false;
        switch (encoding) {
            case PLAIN:
                plain(page, pos, end);
                break;
            case PLAIN_DICTIONARY:
            case RLE_DICTIONARY:
                dictionary(page, pos, end, dictionary);
                break;
            case RLE:
                if (storedWidth != 0) {
                    throw new CorruptDataException("a data page of " + plan.descriptor().getPrimitiveType()
                            .getPrimitiveTypeName() + " values is encoded RLE, which only booleans may be");
                }
                rleBooleans(page, pos, end);
                break;
            default:
                throw new CorruptDataException("a data page is encoded " + encoding
                        + ", which the column metadata does not list");
        }
    }

    private void plain(ByteBuffer page, int pos, int end) throws CorruptDataException {
        long bytes = end - pos;
        base = page;
        baseOffset = pos;
        ids = null;
        if (storedWidth > 0) {
            if ((long) present * storedWidth > bytes) {
                throw new CorruptDataException("the page holds " + bytes + " bytes of values, too few for " + present
                        + " values of " + plan.descriptor().getPrimitiveType().getPrimitiveTypeName());
            }
            width = storedWidth;
            return;
        }
        if (storedWidth == 0) {
            if ((present + 7L) / 8 > bytes) {
                throw new CorruptDataException("the page holds " + bytes + " bytes of values, too few for " + present
                        + " booleans");
            }
            int[] bits = idRoom(present);
            for (int i = 0; i < present; i++) {
                bits[i] = page.get(pos + (i >>> 3)) >> (i & 7) & 1;
            }
            booleans(bits);
            return;
        }
        if (present * 4L > bytes) {
            throw new CorruptDataException("the page holds " + bytes + " bytes of values, too few for " + present
                    + " length-prefixed values");
        }
        if (plainStarts.length < present) {
            plainStarts = new int[present + 8];
            plainEnds = new int[present + 8];
        }
        int at = pos;
        for (int v = 0; v < present; v++) {
            if (end - at < 4) {
                throw new CorruptDataException("value " + v + " of the page starts past its end");
            }
            int length = page.getInt(at);
            at += 4;
            if (length < 0 || length > end - at) {
                throw new CorruptDataException("value " + v + " of the page declares " + length + " bytes but "
                        + (end - at) + " are left");
            }
            plainStarts[v] = at;
            plainEnds[v] = at + length;
            at += length;
        }
        width = -1;
        starts = plainStarts;
        ends = plainEnds;
    }

    private void dictionary(ByteBuffer page, int pos, int end, Dictionary dictionary) throws CorruptDataException {
        if (storedWidth == 0) {
            throw new CorruptDataException("a data page of booleans is dictionary-encoded, which booleans cannot be");
        }
        if (!dictionary.loaded() && !dictionary.deferred()) {
            throw new CorruptDataException("a data page is dictionary-encoded but its column chunk has no "
                    + "dictionary page");
        }
        int[] out = idRoom(present);
        if (present > 0) {
            if (end <= pos) {
                throw new CorruptDataException("the page ends before its dictionary indices");
            }
            int bitWidth = page.get(pos) & 0xFF;
            rle.start(page, pos + 1, end, bitWidth).decode(out, 0, present);
            int size = dictionary.size();
            if (bitWidth > 31 || 1L << bitWidth > size) {
                // one OR over all indices: negative when one is negative or not below size
                int bad = 0;
                for (int i = 0; i < present; i++) {
                    bad |= out[i] | size - 1 - out[i];
                }
                if (bad < 0) {
                    throw new CorruptDataException("a dictionary index is outside the dictionary's " + size
                            + " values");
                }
            }
        }
        ids = out;
        dictionaryEncoded = true;
        base = dictionary.bytes();
        baseOffset = 0;
        width = storedWidth;
        starts = dictionary.starts();
        ends = dictionary.ends();
    }

    private void rleBooleans(ByteBuffer page, int pos, int end) throws CorruptDataException {
        if (end - pos < 4) {
            throw new CorruptDataException("the page ends before its RLE booleans");
        }
        int length = page.getInt(pos);
        if (length < 0 || length > end - pos - 4) {
            throw new CorruptDataException("the page declares " + length + " bytes of RLE booleans but has "
                    + (end - pos - 4) + " left");
        }
        int[] bits = idRoom(present);
        rle.start(page, pos + 4, pos + 4 + length, 1).decode(bits, 0, present);
        for (int i = 0; i < present; i++) {
            if ((bits[i] & ~1) != 0) {
                throw new CorruptDataException("an RLE boolean decodes to " + bits[i]);
            }
        }
        booleans(bits);
    }

    private void booleans(int[] bits) {
        ids = bits;
        base = BOOLEANS;
        baseOffset = 0;
        width = 1;
    }

    private int[] idRoom(int n) throws CorruptDataException {
        if (idBuffer.length < n + 8) {
            checkEntries(n);
            idBuffer = new int[n + 8];
        }
        return idBuffer;
    }
}
