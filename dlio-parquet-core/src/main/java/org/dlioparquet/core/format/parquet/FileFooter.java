package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Reads and converts the footer of a file whose frame {@link FileEnvelope} checked: one positional
 * read of exactly the footer's bytes, parsed by parquet-format and converted by parquet-java's
 * converter. Not through {@code ParquetFileReader}'s constructor, which reads the file's tail again
 * and, with its default filter, hashes every row group of the footer to number their rows: together
 * more work than the rest of opening a file, paid once per file and epoch.
 */
final class FileFooter {
    /** Stateless apart from its settings (thread-safe). */
    private static final ParquetMetadataConverter CONVERTER = new ParquetMetadataConverter();

    private FileFooter() {
    }

    /**
     * @param footerLength the footer's length as {@link FileEnvelope#check} returned it
     * @throws IOException a {@code DataFileException} naming the file when the footer cannot be read
     */
    static ParquetMetadata read(Path file, ChannelInputFile input, long size, long footerLength) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate((int) footerLength);
        try {
            input.readFully(bytes, size - 8 - footerLength);
            FileMetaData metadata = Util.readFileMetaData(new BufferInput(bytes, 0, bytes.limit()));
            ParquetMetadata footer = CONVERTER.fromParquetMetadata(metadata, null, false);
            numberRows(footer.getBlocks());
            return footer;
        } catch (IOException | RuntimeException e) {
            throw ParquetErrors.translate(file, "cannot read the footer", e);
        }
    }

    /** Each row group's first row in the file, as parquet-java's reader sets it. */
    private static void numberRows(List<BlockMetaData> blocks) {
        long first = 0;
        for (BlockMetaData block : blocks) {
            block.setRowIndexOffset(first);
            first += block.getRowCount();
        }
    }
}
