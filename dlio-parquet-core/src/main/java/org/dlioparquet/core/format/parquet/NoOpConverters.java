package org.dlioparquet.core.format.parquet;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/**
 * A converter tree shaped like a schema that ignores every value. {@code ColumnReadStoreImpl}
 * insists on one, but values are pulled through {@code ColumnReader.getX()} here, never pushed.
 */
final class NoOpConverters {
    private NoOpConverters() {
    }

    static GroupConverter forSchema(GroupType schema) {
        return new Group(schema);
    }

    private static final class Group extends GroupConverter {
        private final List<Converter> children = new ArrayList<>();

        Group(GroupType type) {
            for (Type field : type.getFields()) {
                children.add(field.isPrimitive() ? new Primitive() : new Group(field.asGroupType()));
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children.get(fieldIndex);
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }

    private static final class Primitive extends PrimitiveConverter {
    }
}
