package org.dlioparquet.core.format.csv;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.dlioparquet.core.DataFileException;

/**
 * The decompressed text of a whole compressed file, from its first byte (the first few of which,
 * sniffed for the codec's magic number, the caller has already read). Whatever the
 * decompressor throws about the data (bad header, bad checksum, cut stream) becomes a
 * {@link DataFileException}; a failure of the file itself (an I/O error) stays what it was.
 */
final class DecompressingSource implements ByteSource, Closeable {
    private static final int READ_AHEAD = 64 * 1024;

    private final Path file;
    private final CsvCodec codec;
    private final FileInput raw;
    private final InputStream text;

    /** @param head the file's first bytes, already read: reading goes on after them */
    DecompressingSource(Path file, FileChannel channel, CsvCodec codec, long maxMemoryBytes, byte[] head)
            throws IOException {
        this.file = file;
        this.codec = codec;
        this.raw = new FileInput(channel, head.length);
        InputStream decompressor;
        try {
            InputStream compressed = new SequenceInputStream(new ByteArrayInputStream(head),
                    new BufferedInputStream(raw, READ_AHEAD));
            decompressor = codec.decompress(compressed, maxMemoryBytes);
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        }
        this.text = decompressor;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            for (int attempt = 0; attempt < 1000; attempt++) {
                int n = text.read(b, off, len);
                if (n != 0) {
                    return n;
                }
            }
            throw new DataFileException(file, codec.yamlName() + " decompressor makes no progress");
        } catch (DataFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        }
    }

    private IOException translate(Exception e) {
        if (raw.failure != null) {
            return raw.failure; // the storage failed, the data may be fine
        }
        String what = e instanceof EOFException ? "the compressed stream ends early" : CsvText.oneLine(e);
        return new DataFileException(file, "corrupt or truncated " + codec.yamlName() + " data: " + what, e);
    }

    /** Bytes read from the file so far (compressed bytes, not counting the head given). */
    long bytesRead() {
        return raw.bytesRead;
    }

    @Override
    public void close() throws IOException {
        text.close(); // also releases native zstd state; the channel stays open (FileInput.close does nothing)
    }

    /** The file from {@code start} as a stream, by positional reads; counts bytes and remembers I/O failures. */
    private static final class FileInput extends InputStream {
        private final FileChannel channel;
        private long position;
        private long bytesRead;
        private IOException failure;

        FileInput(FileChannel channel, long start) {
            this.channel = channel;
            this.position = start;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n;
            try {
                n = channel.read(ByteBuffer.wrap(b, off, len), position);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            if (n > 0) {
                position += n;
                bytesRead += n;
            }
            return n;
        }

        @Override
        public void close() {
            // the SampleFile owns the channel
        }
    }
}
