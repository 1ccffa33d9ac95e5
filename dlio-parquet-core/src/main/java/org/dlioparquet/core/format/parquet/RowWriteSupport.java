package org.dlioparquet.core.format.parquet;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * parquet-java's write hook: a record is a row index, its fields come from a {@link RowSource}.
 * Both {@code init} variants are overridden because the default {@code ParquetConfiguration} one
 * converts to a Hadoop {@code Configuration}, which needs Hadoop jars we do not ship.
 */
final class RowWriteSupport extends WriteSupport<Integer> {
    private final MessageType schema;
    private final Map<String, String> footerMetadata;
    private final RowSource rows;
    private RecordConsumer consumer;

    RowWriteSupport(MessageType schema, Map<String, String> footerMetadata, RowSource rows) {
        this.schema = schema;
        this.footerMetadata = footerMetadata;
        this.rows = rows;
    }

    /** Abstract in parquet-java although deprecated: never called, as we always pass a ParquetConfiguration. */
    @Override
    @SuppressWarnings("deprecation")
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, footerMetadata);
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, footerMetadata);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Integer row) {
        consumer.startMessage();
        rows.writeRow(row, consumer);
        consumer.endMessage();
    }
}
