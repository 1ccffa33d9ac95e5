package org.dlioparquet.core.format.parquet;

import java.util.Arrays;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * How one leaf column of the file is decoded into sample pieces, and how its definition levels map
 * to "null" and "empty list".
 *
 * @param descriptor   the leaf in the requested schema
 * @param column       index of its top-level column in {@code SampleFile.columns()}
 * @param kind         how each value becomes bytes
 * @param emptyListDef definition level meaning "the outermost list is present but empty", or -1
 *                     for a leaf without repetition
 */
record LeafPlan(ColumnDescriptor descriptor, int column, ValueKind kind, int emptyListDef) {

    static LeafPlan of(MessageType schema, ColumnDescriptor descriptor, int column) {
        return new LeafPlan(descriptor, column, ValueKind.of(descriptor), emptyListDef(schema, descriptor));
    }

    ColumnPath path() {
        return ColumnPath.get(descriptor.getPath());
    }

    String dottedPath() {
        return path().toDotString();
    }

    int maxDefinitionLevel() {
        return descriptor.getMaxDefinitionLevel();
    }

    int maxRepetitionLevel() {
        return descriptor.getMaxRepetitionLevel();
    }

    /**
     * The definition level just below the outermost repeated field of the path: an entry at this
     * level is a list (or map) that exists but holds no element.
     */
    private static int emptyListDef(MessageType schema, ColumnDescriptor descriptor) {
        String[] path = descriptor.getPath();
        for (int depth = 1; depth <= path.length; depth++) {
            String[] prefix = Arrays.copyOf(path, depth);
            if (schema.getType(prefix).isRepetition(Type.Repetition.REPEATED)) {
                return schema.getMaxDefinitionLevel(prefix) - 1;
            }
        }
        return -1;
    }

    /** The byte form a value takes in a sample piece. */
    enum ValueKind {
        /** INT32 annotated INTEGER(8): 1 byte. */
        INT8,
        /** INT32 annotated INTEGER(16): 2 bytes little-endian. */
        INT16,
        INT32,
        INT64,
        FLOAT,
        DOUBLE,
        /** 1 byte, 0 or 1. */
        BOOLEAN,
        /** FIXED_LEN_BYTE_ARRAY and INT96, copied raw (small values). */
        FIXED_BYTES,
        /** BYTE_ARRAY, handed out as a zero-copy slice of the page. */
        BYTES;

        static ValueKind of(ColumnDescriptor d) {
            switch (d.getPrimitiveType().getPrimitiveTypeName()) {
                case INT32: {
                    LogicalTypeAnnotation t = d.getPrimitiveType().getLogicalTypeAnnotation();
                    if (t instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i) {
                        if (i.getBitWidth() == 8) {
                            return INT8;
                        }
                        if (i.getBitWidth() == 16) {
                            return INT16;
                        }
                    }
                    return INT32;
                }
                case INT64:
                    return INT64;
                case FLOAT:
                    return FLOAT;
                case DOUBLE:
                    return DOUBLE;
                case BOOLEAN:
                    return BOOLEAN;
                case BINARY:
                    return BYTES;
                case FIXED_LEN_BYTE_ARRAY:
                case INT96:
                    return FIXED_BYTES;
                default:
                    throw new IllegalArgumentException("unknown physical type " + d.getPrimitiveType());
            }
        }
    }
}
