package org.dlioparquet.core.format.tfrecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dlioparquet.core.spi.CompanionFile;

/**
 * The DALI index DLIO writes beside each TFRecord file ({@code tfrecord2idx}): one text line
 * {@code "<offset> <length>"} per record, the length counting the 16 framing bytes, at
 * {@code <data_folder>/index/<train|valid>/<file name>.idx} (subfolders are not repeated there).
 */
final class DaliIndex implements CompanionFile {
    static final String FOLDER = "index";
    static final String SUFFIX = ".idx";
    private static final int WRITE_BUFFER = 64 << 10;

    private final String relativePath;
    private final int records;
    private final long recordLength;

    /**
     * @param recordLength bytes of each record, framing included (every record of a DLIO file has
     *                     the same size)
     */
    DaliIndex(String relativePath, int records, long recordLength) {
        this.relativePath = relativePath;
        this.records = records;
        this.recordLength = recordLength;
    }

    /** {@code index/<split folder>/<file name>.idx} for the data file at {@code dataPath} (relative, with /). */
    static String pathFor(String splitFolder, String fileName) {
        return FOLDER + "/" + splitFolder + "/" + fileName + SUFFIX;
    }

    /**
     * Where the index of the data file {@code file} is, by DLIO's rule: the nearest folder named
     * {@code train} or {@code valid} at most two levels up (a subfolder may sit between) is a split
     * folder of the data folder; {@code null} when there is none.
     */
    static Path locate(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        for (int up = 0; up < 2 && parent != null && parent.getParent() != null; up++) {
            String name = parent.getFileName().toString();
            if (name.equals("train") || name.equals("valid")) {
                return parent.getParent().resolve(FOLDER).resolve(name).resolve(file.getFileName() + SUFFIX);
            }
            parent = parent.getParent();
        }
        return null;
    }

    @Override
    public String relativePath() {
        return relativePath;
    }

    @Override
    public long size() {
        long lengthField = Long.toString(recordLength).length();
        long total = 0;
        for (long i = 0; i < records; i++) {
            total += Long.toString(i * recordLength).length() + 1 + lengthField + 1;
        }
        return total;
    }

    @Override
    public void write(WritableByteChannel out) throws IOException {
        StringBuilder sb = new StringBuilder(WRITE_BUFFER + 64);
        String length = " " + recordLength + "\n";
        for (long i = 0; i < records; i++) {
            sb.append(i * recordLength).append(length);
            if (sb.length() >= WRITE_BUFFER) {
                flush(sb, out);
            }
        }
        flush(sb, out);
    }

    private static void flush(StringBuilder sb, WritableByteChannel out) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            out.write(b);
        }
        sb.setLength(0);
    }
}
