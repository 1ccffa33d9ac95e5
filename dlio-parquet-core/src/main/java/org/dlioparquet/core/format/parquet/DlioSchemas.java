package org.dlioparquet.core.format.parquet;

import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FLOAT;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.dlioparquet.core.config.ColumnSpec;
import org.dlioparquet.core.config.ColumnType;
import org.dlioparquet.core.spi.SampleFile;

/**
 * The Parquet schemas the generator writes.
 *
 * <p>Blob layout: {@code message dlio { required binary data; required int64 label; }}, one row per
 * sample. Column layout (the MLCommons DLIO fork's {@code dataset.parquet.columns}): one required
 * top-level field per column; a {@code list} column, and any numeric or bool column with
 * {@code size > 1}, is a standard 3-level LIST
 * ({@code required group c (LIST) { repeated group list { required <t> element; } }}) of exactly
 * {@code size} elements, which is how pyarrow stores a fixed-size list.
 */
final class DlioSchemas {
    static final String MESSAGE = "dlio";
    static final String DATA = SampleFile.DATA_COLUMN;
    static final String LABEL = "label";
    static final String LIST_GROUP = "list";
    static final String ELEMENT = "element";

    private DlioSchemas() {
    }

    static MessageType blob() {
        return Types.buildMessage()
                .required(BINARY).named(DATA)
                .required(INT64).named(LABEL)
                .named(MESSAGE);
    }

    static MessageType columns(List<ColumnSpec> specs) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (ColumnSpec spec : specs) {
            message.addField(field(spec));
        }
        return message.named(MESSAGE);
    }

    /** True when the column is written as a LIST of {@code size} elements. */
    static boolean isList(ColumnSpec spec) {
        return spec.dtype() == ColumnType.LIST || (!spec.dtype().isVariableBytes() && spec.size() > 1);
    }

    /** The element type of a list column, the value type of any other. */
    static ColumnType elementType(ColumnSpec spec) {
        return spec.dtype() == ColumnType.LIST ? ColumnType.FLOAT32 : spec.dtype();
    }

    private static Type field(ColumnSpec spec) {
        if (!isList(spec)) {
            return primitive(elementType(spec)).named(spec.name());
        }
        return Types.requiredGroup().as(LogicalTypeAnnotation.listType())
                .addField(Types.repeatedGroup()
                        .addField(primitive(elementType(spec)).named(ELEMENT))
                        .named(LIST_GROUP))
                .named(spec.name());
    }

    private static Types.PrimitiveBuilder<PrimitiveType> primitive(ColumnType type) {
        switch (type) {
            case UINT8:
                return Types.required(INT32).as(LogicalTypeAnnotation.intType(8, false));
            case UINT16:
                return Types.required(INT32).as(LogicalTypeAnnotation.intType(16, false));
            case UINT32:
                return Types.required(INT32).as(LogicalTypeAnnotation.intType(32, false));
            case UINT64:
                return Types.required(INT64).as(LogicalTypeAnnotation.intType(64, false));
            case INT8:
                return Types.required(INT32).as(LogicalTypeAnnotation.intType(8, true));
            case INT16:
                return Types.required(INT32).as(LogicalTypeAnnotation.intType(16, true));
            case INT32:
                return Types.required(INT32);
            case INT64:
                return Types.required(INT64);
            case FLOAT16:
                return Types.required(FIXED_LEN_BYTE_ARRAY).length(2).as(LogicalTypeAnnotation.float16Type());
            case FLOAT32:
                return Types.required(FLOAT);
            case FLOAT64:
                return Types.required(DOUBLE);
            case BOOL:
                return Types.required(BOOLEAN);
            case STRING:
                return Types.required(BINARY).as(LogicalTypeAnnotation.stringType());
            case BINARY:
                return Types.required(BINARY);
            default:
                throw new IllegalArgumentException("no Parquet type for " + type);
        }
    }
}
