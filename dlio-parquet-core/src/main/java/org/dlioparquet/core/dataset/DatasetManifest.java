package org.dlioparquet.core.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.storage.AtomicFiles;

/**
 * What a generation wrote, file by file (size and CRC32C), so that a later generation can tell a
 * complete dataset from a partial one and resume, and {@code validate} can check sizes and bytes.
 *
 * <p>Two files per rank in the data folder ({@link Bookkeeping}): the manifest
 * {@code dlio-parquet-manifest.json}, written atomically once the rank's share is complete (so one
 * on disk always says {@code "complete": true}), and while generating the {@link ManifestJournal},
 * which a killed generation leaves behind. {@link DatasetRecords} reads them all into one
 * instance. In memory the entries are two arrays indexed by file number: a million files cost
 * 12 MB, not a million objects.
 */
public final class DatasetManifest {
    private static final JsonFactory JSON = new JsonFactory();
    static final int VERSION = 1;
    /** Size of a file no record names. */
    private static final long NONE = -1;
    /** Size of a file whose records disagree. */
    private static final long DISAGREE = -2;

    private final String fingerprint;
    private final long[] sizes;
    private final int[] crcs;

    public DatasetManifest(String fingerprint, long totalFiles) {
        this.fingerprint = fingerprint;
        this.sizes = new long[Math.toIntExact(totalFiles)];
        this.crcs = new int[sizes.length];
        Arrays.fill(sizes, NONE);
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** Whether a size and CRC32C are recorded for the file. */
    public boolean has(long file) {
        return sizes[(int) file] >= 0;
    }

    /**
     * Whether any record of this workload names the file, even with sizes that disagree: a file a
     * generation of this workload wrote, which another may rewrite.
     */
    public boolean named(long file) {
        return sizes[(int) file] != NONE;
    }

    public long size(long file) {
        return sizes[(int) file];
    }

    public int crc32c(long file) {
        return crcs[(int) file];
    }

    public void record(long file, long size, int crc) {
        sizes[(int) file] = size;
        crcs[(int) file] = crc;
    }

    /**
     * Adds a record of another manifest or journal of this workload: two records of one file
     * that disagree leave the file named but without a trusted size, so it is checked and rewritten.
     */
    void merge(long file, long size, int crc) {
        int i = (int) file;
        if (sizes[i] == NONE) {
            record(file, size, crc);
        } else if (sizes[i] != size || crcs[i] != crc) {
            sizes[i] = DISAGREE;
        }
    }

    /** The file must be written again; it stays named, as this workload's. */
    public void forget(long file) {
        if (sizes[(int) file] != NONE) {
            sizes[(int) file] = DISAGREE;
        }
    }

    /**
     * Reads a manifest's {@code config_hash} and, when it is {@code fingerprint}, merges its entries
     * into {@code into}.
     *
     * @return the manifest's config_hash
     * @throws DataFileException when it is not a readable manifest of a dataset of this size
     */
    static String readInto(Path file, String fingerprint, DatasetManifest into, DatasetPlan plan) throws IOException {
        try (JsonParser p = JSON.createParser(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            expect(p.nextToken() == JsonToken.START_OBJECT, file, "not a JSON object");
            String hash = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "config_hash" -> hash = p.getText();
                    case "files" -> {
                        expect(hash != null, file, "config_hash must come before files");
                        expect(p.currentToken() == JsonToken.START_ARRAY, file, "files is not a list");
                        if (!hash.equals(fingerprint)) {
                            return hash; // another workload's: its entries are not read
                        }
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            readEntry(p, file, into, plan);
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            expect(hash != null, file, "no config_hash");
            return hash;
        } catch (JsonProcessingException e) {
            throw new DataFileException(file, "unreadable manifest: " + e.getOriginalMessage());
        } catch (CharacterCodingException e) {
            throw new DataFileException(file, "unreadable manifest: not UTF-8 text");
        }
    }

    static void readEntry(JsonParser p, Path file, DatasetManifest m, DatasetPlan plan) throws IOException {
        long index = -1;
        long size = -1;
        String crc = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
                case "index" -> index = p.getLongValue();
                case "size" -> size = p.getLongValue();
                case "crc32c" -> crc = p.getText();
                default -> p.skipChildren();
            }
        }
        expect(index >= 0 && index < plan.totalFiles() && size >= 0 && crc != null, file,
                "entry with index " + index + " does not fit this dataset of " + plan.totalFiles() + " files");
        expect(crc.matches("[0-9a-f]{8}"), file, "entry with index " + index + " has crc32c '" + crc
                + "', not 8 hex digits");
        m.merge(index, size, Integer.parseUnsignedInt(crc, 16));
    }

    /** Writes the manifest atomically: a reader sees the old one or the whole new one, never a part. */
    public void write(Path root, int rank, int ranks, DatasetPlan plan, String generator, boolean fsync) throws IOException {
        AtomicFiles.write(Bookkeeping.manifestFile(root, rank, ranks), fsync, ch -> {
            // the channel is closed by AtomicFiles, which still needs it for the size
            try (JsonGenerator g = JSON.createGenerator(Channels.newOutputStream(ch))
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeNumberField("manifest_version", VERSION);
                g.writeStringField("generator", generator);
                g.writeStringField("config_hash", fingerprint);
                g.writeNumberField("generation_seed", plan.dataset().generationSeed());
                g.writeStringField("format", String.valueOf(plan.dataset().format()));
                g.writeNumberField("rank", rank);
                g.writeNumberField("ranks", ranks);
                g.writeNumberField("files_total", plan.totalFiles());
                g.writeBooleanField("complete", true); // only a complete share's manifest is written
                g.writeArrayFieldStart("files");
                for (long i = rank; i < plan.totalFiles(); i += ranks) {
                    if (has(i)) {
                        writeEntry(g, i, plan);
                    }
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        });
    }

    private void writeEntry(JsonGenerator g, long i, DatasetPlan plan) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", i);
        g.writeStringField("name", plan.spec(i).relativePath());
        g.writeNumberField("size", sizes[(int) i]);
        g.writeStringField("crc32c", String.format("%08x", crcs[(int) i]));
        g.writeEndObject();
    }

    private static void expect(boolean ok, Path file, String what) throws DataFileException {
        if (!ok) {
            throw new DataFileException(file, "unreadable manifest: " + what);
        }
    }

    /** The manifest (or journal) on disk describes the dataset of another workload: its config_hash differs. */
    public static final class OtherWorkloadException extends DataFileException {
        private static final long serialVersionUID = 1L;

        public OtherWorkloadException(Path file) {
            super(file, "describes a dataset of another workload (its config_hash differs)");
        }
    }
}
