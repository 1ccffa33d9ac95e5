package org.dlioparquet.core.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.storage.StorageFileSystem;

/**
 * The journal of a rank's generation in progress ({@code .dlio-parquet-manifest.journal}): a
 * header line with the workload's {@code config_hash}, then one JSON line per finished file,
 * flushed after each, so a killed generation loses at most the files being written. Each opening
 * writes a header again, so the lines after a header belong to the workload it names. The header
 * of an overwrite says so ({@code "overwrite": true}): the folder is that workload's from then on,
 * and a resumed generation may replace the old dataset's files, which no record names any more.
 */
public final class ManifestJournal implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String HASH_FIELD = "\"config_hash\"";

    private final BufferedWriter out;

    public ManifestJournal(Path file, String fingerprint) throws IOException {
        this(file, fingerprint, false);
    }

    /**
     * Opens the journal of a generation into {@code file}'s folder; on an object store, which cannot
     * append, none: a generation killed there is resumed from its rank's manifest alone (its files
     * written since are written again with {@code --overwrite}).
     */
    public static ManifestJournal open(Path file, String fingerprint, boolean overwrite) throws IOException {
        return StorageFileSystem.isStoragePath(file) ? new ManifestJournal() : new ManifestJournal(file, fingerprint,
                overwrite);
    }

    private ManifestJournal() {
        this.out = new BufferedWriter(Writer.nullWriter());
    }

    /** Opens the journal for appending, after a header; {@code overwrite} claims the folder's files. */
    public ManifestJournal(Path file, String fingerprint, boolean overwrite) throws IOException {
        boolean cutLine = endsInCutLine(file);
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (cutLine) {
            out.newLine(); // the header must not join the line a killed run was writing
        }
        out.write("{" + HASH_FIELD + ":\"" + fingerprint + "\"" + (overwrite ? ",\"overwrite\":true" : "") + "}");
        out.newLine();
        out.flush();
    }

    private static boolean endsInCutLine(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.position(ch.size() - 1).read(last);
            return last.get(0) != '\n';
        }
    }

    /** Records that file {@code index} ({@code relativePath} in the data folder) is complete. */
    public synchronized void append(long index, String relativePath, long size, int crc) throws IOException {
        out.write("{\"index\":" + index + ",\"name\":\"" + new String(JsonStringEncoder.getInstance()
                .quoteAsString(relativePath)) + "\",\"size\":" + size + ",\"crc32c\":\"" + String.format("%08x", crc)
                + "\"}");
        out.newLine();
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /**
     * What a journal's headers say: the workload of the last one, whether another workload's header
     * precedes it, and whether a header of the last workload since then was an overwrite's.
     */
    record Scan(String lastHeader, boolean otherWorkloadBefore, boolean overwrite) {
    }

    private record Header(String hash, boolean overwrite) {
    }

    /**
     * Merges into {@code into} the entries the journal recorded for the workload with
     * {@code fingerprint}. The journal is always newer than its rank's manifest: a header naming
     * another workload means a generation of that workload (an overwrite) started since, so only
     * the entries after the last such header count, and the manifest does not.
     *
     * @return the journal's headers as {@link Scan}, or {@code null} when there is no journal
     */
    static Scan readInto(Path journal, String fingerprint, DatasetManifest into, DatasetPlan plan) throws IOException {
        if (!Files.exists(journal)) {
            return null;
        }
        long lastOther = -1;
        String last = null;
        boolean overwrite = false;
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; n++) {
                Header header = headerOf(line);
                if (header != null) {
                    overwrite = header.hash().equals(last) && overwrite || header.overwrite();
                    last = header.hash();
                    if (!header.hash().equals(fingerprint)) {
                        lastOther = n;
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return null; // its rank finished since the listing: its manifest, written first, has the entries
        }
        if (fingerprint.equals(last)) {
            try {
                mergeEntries(journal, fingerprint, lastOther, into, plan);
            } catch (NoSuchFileException e) {
                // finished between the two reads: the manifest, written before the journal went, has them
            }
        }
        return new Scan(last, lastOther >= 0, overwrite);
    }

    private static void mergeEntries(Path journal, String fingerprint, long after, DatasetManifest into, DatasetPlan plan)
            throws IOException {
        String section = null; // config_hash of the header the following lines are under
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; n++) {
                Header header = headerOf(line);
                if (header != null) {
                    section = header.hash();
                } else if (n > after && fingerprint.equals(section) && !line.isBlank()) {
                    try (JsonParser p = JSON.createParser(line)) {
                        if (p.nextToken() == JsonToken.START_OBJECT) {
                            DatasetManifest.readEntry(p, journal, into, plan);
                        }
                    } catch (JsonProcessingException | DataFileException e) {
                        // a line cut by a crash: the file it describes is checked again and rewritten
                    }
                }
            }
        }
    }

    /** A header line's fields, or {@code null} for an entry or a line cut by a crash. */
    private static Header headerOf(String line) throws IOException {
        if (!line.contains(HASH_FIELD)) {
            return null;
        }
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String hash = null;
            boolean overwrite = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("config_hash")) {
                    hash = p.getText();
                } else if (field.equals("overwrite")) {
                    overwrite = p.currentToken() == JsonToken.VALUE_TRUE;
                }
            }
            return hash == null ? null : new Header(hash, overwrite);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
