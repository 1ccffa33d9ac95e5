package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.config.ColumnSpec;
import org.dlioparquet.core.config.ColumnType;
import org.dlioparquet.core.spi.SeededContent;

/**
 * A numeric, bool or {@code list} column. Each row's {@code size} elements are the bytes of one
 * {@code SeededContent.fill(row, 0, size * width, type)} call, so integers are random over their
 * whole range (8- and 16-bit values sign- or zero-extended into INT32), floats lie in [0, 1) and
 * bools are 0/1, and a reader that returns the elements' little-endian bytes gives back exactly
 * the filled bytes.
 */
final class FixedWidthColumn implements GeneratedColumn {
    private final String name;
    private final int index;
    private final ColumnType type;
    private final ElementType elementType;
    private final int elements;
    private final boolean list;
    private final SeededContent content;
    private final byte[] row;
    private final ByteBuffer view;

    FixedWidthColumn(ColumnSpec spec, int index, SeededContent content) {
        this.name = spec.name();
        this.index = index;
        this.type = DlioSchemas.elementType(spec);
        this.elementType = elementTypeOf(type);
        this.elements = spec.size();
        this.list = DlioSchemas.isList(spec);
        this.content = content;
        this.row = new byte[elements * elementType.size()];
        this.view = ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The element type whose {@code fill} semantics a column type uses. */
    static ElementType elementTypeOf(ColumnType type) {
        switch (type) {
            case UINT8: return ElementType.UINT8;
            case UINT16: return ElementType.UINT16;
            case UINT32: return ElementType.UINT32;
            case UINT64: return ElementType.UINT64;
            case INT8: return ElementType.INT8;
            case INT16: return ElementType.INT16;
            case INT32: return ElementType.INT32;
            case INT64: return ElementType.INT64;
            case FLOAT16: return ElementType.FLOAT16;
            case FLOAT32: case LIST: return ElementType.FLOAT32;
            case FLOAT64: return ElementType.FLOAT64;
            case BOOL: return ElementType.BOOL;
            default: throw new IllegalArgumentException(type + " is not a fixed-width type");
        }
    }

    @Override
    public void writeNext(RecordConsumer consumer) {
        content.fill(row, 0, row.length, elementType);
        consumer.startField(name, index);
        if (list) {
            consumer.startGroup();
            consumer.startField(DlioSchemas.LIST_GROUP, 0);
            for (int i = 0; i < elements; i++) {
                consumer.startGroup();
                consumer.startField(DlioSchemas.ELEMENT, 0);
                addElement(consumer, i);
                consumer.endField(DlioSchemas.ELEMENT, 0);
                consumer.endGroup();
            }
            consumer.endField(DlioSchemas.LIST_GROUP, 0);
            consumer.endGroup();
        } else {
            addElement(consumer, 0);
        }
        consumer.endField(name, index);
    }

    /** Min/max like parquet-java keeps them, for scalar columns. */
    @Override
    public boolean statistics() {
        return !list;
    }

    /** Appends the next scalar value in PLAIN form (lists go through parquet-java). */
    @Override
    public void appendNext(RawChunkWriter chunk) throws IOException {
        if (list) {
            throw new IllegalStateException("list column '" + name + "' cannot be written as a flat column");
        }
        content.fill(row, 0, row.length, elementType);
        PlainPageBuffer page = chunk.page();
        Statistics<?> stats = chunk.stats();
        switch (type) {
            case UINT8: putInt(page, stats, row[0] & 0xFF); break;
            case INT8: putInt(page, stats, row[0]); break;
            case UINT16: putInt(page, stats, view.getShort(0) & 0xFFFF); break;
            case INT16: putInt(page, stats, view.getShort(0)); break;
            case UINT32: case INT32: putInt(page, stats, view.getInt(0)); break;
            case UINT64: case INT64: {
                long v = view.getLong(0);
                page.putLong(v);
                if (stats != null) {
                    stats.updateStats(v);
                }
                break;
            }
            case FLOAT16:
                page.putBytes(row, 0, 2);
                if (stats != null) {
                    stats.updateStats(Binary.fromReusedByteArray(row, 0, 2));
                }
                break;
            case FLOAT32: {
                float v = view.getFloat(0);
                page.putFloat(v);
                if (stats != null) {
                    stats.updateStats(v);
                }
                break;
            }
            case FLOAT64: {
                double v = view.getDouble(0);
                page.putDouble(v);
                if (stats != null) {
                    stats.updateStats(v);
                }
                break;
            }
            case BOOL:
                page.putBoolean(row[0] != 0);
                if (stats != null) {
                    stats.updateStats(row[0] != 0);
                }
                break;
            default:
                throw new IllegalStateException("not a fixed-width type: " + type);
        }
        chunk.valueAdded();
    }

    private static void putInt(PlainPageBuffer page, Statistics<?> stats, int v) {
        page.putInt(v);
        if (stats != null) {
            stats.updateStats(v);
        }
    }

    private void addElement(RecordConsumer consumer, int i) {
        switch (type) {
            case UINT8: consumer.addInteger(row[i] & 0xFF); break;
            case INT8: consumer.addInteger(row[i]); break;
            case UINT16: consumer.addInteger(view.getShort(2 * i) & 0xFFFF); break;
            case INT16: consumer.addInteger(view.getShort(2 * i)); break;
            case UINT32: case INT32: consumer.addInteger(view.getInt(4 * i)); break;
            case UINT64: case INT64: consumer.addLong(view.getLong(8 * i)); break;
            case FLOAT16: consumer.addBinary(Binary.fromReusedByteArray(row, 2 * i, 2)); break;
            case FLOAT32: consumer.addFloat(view.getFloat(4 * i)); break;
            case FLOAT64: consumer.addDouble(view.getDouble(8 * i)); break;
            case BOOL: consumer.addBoolean(row[i] != 0); break;
            default: throw new IllegalStateException("not a fixed-width type: " + type);
        }
    }
}
