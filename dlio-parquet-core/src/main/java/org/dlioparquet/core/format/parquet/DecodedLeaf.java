package org.dlioparquet.core.format.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.dlioparquet.core.spi.SampleSink;

/**
 * One leaf column of the current row group, decoded into sample pieces and kept until the next row
 * group is loaded, so that rows can be delivered in any order without decoding again.
 *
 * <p>Per row the leaf holds a run of pieces: consecutive fixed-width values (the elements of a
 * list) share one piece in a reused little-endian byte array; a BYTE_ARRAY value is its own piece,
 * a zero-copy slice of the page; a null value or null list is a null piece; an empty list is one
 * zero-length piece. All buffers are reused from row group to row group.
 */
final class DecodedLeaf {
    private static final byte FIXED = 0;
    private static final byte SLICE = 1;
    private static final byte NULL = 2;
    private static final byte EMPTY = 3;
    private static final ByteBuffer EMPTY_PIECE = ByteBuffer.allocate(0).asReadOnlyBuffer();
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final LeafPlan plan;
    /** Largest array this leaf may allocate, from {@code ReaderSettings.maxValueBytes}. */
    private final long maxAllocation;

    private int rows;
    private int[] rowFirstPiece = new int[1];
    private int pieces;
    private byte[] kind = new byte[16];
    private int[] start = new int[16];
    private int[] length = new int[16];
    private ByteBuffer[] slices = new ByteBuffer[16];
    private byte[] fixed = new byte[256];
    private int fixedSize;
    private ByteBuffer fixedView = ByteBuffer.wrap(fixed);

    DecodedLeaf(LeafPlan plan, long maxAllocation) {
        this.plan = plan;
        this.maxAllocation = maxAllocation;
    }

    LeafPlan plan() {
        return plan;
    }

    /** Forgets the previous row group and releases its page buffers. */
    void clear() {
        Arrays.fill(slices, 0, pieces, null);
        rows = 0;
        pieces = 0;
        fixedSize = 0;
        rowFirstPiece[0] = 0;
    }

    /**
     * Reads every value of the leaf's column chunk.
     *
     * @param values       entries (values and nulls) of the chunk, as its pages declare
     * @param expectedRows rows the row group holds according to the footer
     * @throws CorruptDataException when the levels do not add up to {@code expectedRows} rows
     */
    void decode(ColumnReader reader, long values, int expectedRows) throws CorruptDataException {
        clear();
        if (rowFirstPiece.length < expectedRows + 1) {
            rowFirstPiece = new int[checkedLength(expectedRows + 1L, 4)];
        }
        if (plan.maxRepetitionLevel() == 0 && values != expectedRows) {
            throw new CorruptDataException("the column chunk holds " + values + " values but the row group has "
                    + expectedRows + " rows");
        }
        int maxDef = plan.maxDefinitionLevel();
        int emptyDef = plan.emptyListDef();
        for (long i = 0; i < values; i++) {
            int rep = reader.getCurrentRepetitionLevel();
            int def = reader.getCurrentDefinitionLevel();
            if (rep == 0) {
                if (rows == expectedRows) {
                    throw new CorruptDataException("the column chunk holds more than the " + expectedRows
                            + " rows of its row group");
                }
                rowFirstPiece[rows++] = pieces;
            } else if (rows == 0) {
                throw new CorruptDataException("the first value has repetition level " + rep
                        + ", a row must start at level 0");
            }
            if (def == maxDef) {
                appendValue(reader);
            } else {
                appendMarker(def == emptyDef ? EMPTY : NULL);
            }
            reader.consume();
        }
        if (rows != expectedRows) {
            throw new CorruptDataException("the column chunk holds " + rows + " rows but its row group has "
                    + expectedRows);
        }
        rowFirstPiece[rows] = pieces;
        if (fixedView.array() != fixed) {
            fixedView = ByteBuffer.wrap(fixed);
        }
    }

    /** Hands the pieces of row {@code row} (within the row group) to {@code sink}. */
    void deliver(int row, int sample, SampleSink sink) {
        int column = plan.column();
        for (int p = rowFirstPiece[row], end = rowFirstPiece[row + 1]; p < end; p++) {
            switch (kind[p]) {
                case FIXED:
                    fixedView.limit(start[p] + length[p]).position(start[p]);
                    sink.accept(sample, column, fixedView);
                    break;
                case SLICE: {
                    ByteBuffer b = slices[p];
                    b.limit(start[p] + length[p]).position(start[p]);
                    sink.accept(sample, column, b);
                    break;
                }
                case EMPTY:
                    sink.accept(sample, column, EMPTY_PIECE);
                    break;
                default:
                    sink.accept(sample, column, null);
                    break;
            }
        }
    }

    private void appendValue(ColumnReader reader) throws CorruptDataException {
        // reserve() may replace the fixed array, so it runs before the array is referenced
        int at;
        switch (plan.kind()) {
            case INT8:
                at = reserve(1);
                fixed[at] = (byte) reader.getInteger();
                break;
            case INT16:
                at = reserve(2);
                SHORT_LE.set(fixed, at, (short) reader.getInteger());
                break;
            case INT32:
                at = reserve(4);
                INT_LE.set(fixed, at, reader.getInteger());
                break;
            case INT64:
                at = reserve(8);
                LONG_LE.set(fixed, at, reader.getLong());
                break;
            case FLOAT:
                at = reserve(4);
                INT_LE.set(fixed, at, Float.floatToRawIntBits(reader.getFloat()));
                break;
            case DOUBLE:
                at = reserve(8);
                LONG_LE.set(fixed, at, Double.doubleToRawLongBits(reader.getDouble()));
                break;
            case BOOLEAN:
                at = reserve(1);
                fixed[at] = (byte) (reader.getBoolean() ? 1 : 0);
                break;
            case FIXED_BYTES: {
                ByteBuffer value = reader.getBinary().toByteBuffer();
                int n = value.remaining();
                at = reserve(n);
                value.get(fixed, at, n);
                break;
            }
            default: {
                Binary value = reader.getBinary();
                ByteBuffer b = value.toByteBuffer();
                int p = newPiece(SLICE);
                slices[p] = b;
                start[p] = b.position();
                length[p] = b.remaining();
                break;
            }
        }
    }

    /**
     * Reserves {@code n} bytes at the end of the fixed buffer for a value of the current row,
     * extending the row's last piece when it is a fixed piece; returns the offset of the value.
     */
    private int reserve(int n) throws CorruptDataException {
        long needed = (long) fixedSize + n;
        if (needed > fixed.length) {
            fixed = Arrays.copyOf(fixed, checkedLength(Math.max(needed, fixed.length * 2L), 1));
        }
        int rowStart = rowFirstPiece[rows - 1];
        if (pieces > rowStart && kind[pieces - 1] == FIXED) {
            length[pieces - 1] += n;
        } else {
            int p = newPiece(FIXED);
            start[p] = fixedSize;
            length[p] = n;
        }
        int at = fixedSize;
        fixedSize += n;
        return at;
    }

    private void appendMarker(byte marker) throws CorruptDataException {
        int p = newPiece(marker);
        start[p] = 0;
        length[p] = 0;
    }

    private int newPiece(byte pieceKind) throws CorruptDataException {
        if (pieces == kind.length) {
            int capacity = checkedLength(kind.length * 2L, 16);
            kind = Arrays.copyOf(kind, capacity);
            start = Arrays.copyOf(start, capacity);
            length = Arrays.copyOf(length, capacity);
            slices = Arrays.copyOf(slices, capacity);
        }
        kind[pieces] = pieceKind;
        return pieces++;
    }

    /** An array length, refused when the allocation would exceed the reader's limit. */
    private int checkedLength(long elements, int bytesPerElement) throws CorruptDataException {
        long bytes = elements * bytesPerElement;
        if (elements > Integer.MAX_VALUE - 8 || bytes > maxAllocation) {
            throw new CorruptDataException("the column chunk decodes to more than " + maxAllocation
                    + " bytes (the reader's maxValueBytes)");
        }
        return (int) elements;
    }
}
