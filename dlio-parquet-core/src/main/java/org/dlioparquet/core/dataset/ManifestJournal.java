package org.dlioparquet.core.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.dlioparquet.core.DataFileException;

/**
 * The journal of a rank's generation in progress ({@code .dlio-parquet-manifest.journal}): a
 * header line with the workload's {@code config_hash}, then one JSON line per finished file,
 * flushed after each, so a killed generation loses at most the files being written. Each opening
 * writes a header again, so the lines after a header belong to the workload it names.
 */
public final class ManifestJournal implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String HASH_FIELD = "\"config_hash\"";

    private final BufferedWriter out;

    public ManifestJournal(Path file, String fingerprint) throws IOException {
        boolean cutLine = endsInCutLine(file);
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (cutLine) {
            out.newLine(); // the header must not join the line a killed run was writing
        }
        out.write("{" + HASH_FIELD + ":\"" + fingerprint + "\"}");
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
     * Adds what the journal recorded to {@code base}, the manifest written before it (or {@code null}).
     * The journal is always newer than the manifest: a header naming another workload means a
     * generation of that workload (an overwrite) started since, and the manifest no longer describes
     * the folder, so the result is that workload's. Lines under a header of another workload than
     * the result's are ignored.
     *
     * @return {@code base} with the journal's entries, a manifest of the journal's workload, or
     *         {@code null} when there is neither manifest nor readable journal header
     */
    static DatasetManifest replay(Path journal, DatasetManifest base, DatasetPlan plan) throws IOException {
        if (!Files.exists(journal)) {
            return base;
        }
        DatasetManifest m = base;
        String section = null; // config_hash of the header the following lines are under
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try (JsonParser p = JSON.createParser(line)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    continue;
                }
                if (line.contains(HASH_FIELD)) {
                    section = headerHash(p);
                    if (section != null && (m == null || !m.fingerprint().equals(section))) {
                        m = new DatasetManifest(section, plan.totalFiles());
                    }
                } else if (m != null && m.fingerprint().equals(section)) {
                    DatasetManifest.readEntry(p, journal, m, plan);
                }
            } catch (JsonProcessingException | DataFileException e) {
                // a line cut by a crash: the file it describes is checked again and rewritten
            }
        }
        return m;
    }

    private static String headerHash(JsonParser p) throws IOException {
        String hash = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("config_hash")) {
                hash = p.getText();
            }
        }
        return hash;
    }
}
