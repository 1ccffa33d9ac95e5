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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.storage.AtomicFiles;

/**
 * What a generation wrote, file by file (size and CRC32C), so that a later generation can tell a
 * complete dataset from a partial one and resume, and {@code validate} can check sizes and bytes.
 *
 * <p>Two files per rank in the data folder: the manifest {@code dlio-parquet-manifest.json},
 * written atomically once the rank's share is complete (so one on disk always says
 * {@code "complete": true}), and while generating the {@link ManifestJournal}, which a killed
 * generation leaves behind. In memory the entries are two arrays indexed by file number: a
 * million files cost 12 MB, not a million objects.
 */
public final class DatasetManifest {
    private static final JsonFactory JSON = new JsonFactory();
    static final int VERSION = 1;

    private final String fingerprint;
    private final long[] sizes;
    private final int[] crcs;

    public DatasetManifest(String fingerprint, long totalFiles) {
        this.fingerprint = fingerprint;
        this.sizes = new long[Math.toIntExact(totalFiles)];
        this.crcs = new int[sizes.length];
        Arrays.fill(sizes, -1);
    }

    public static String rankSuffix(int rank, int ranks) {
        return ranks == 1 ? "" : ".rank" + rank + "-of-" + ranks;
    }

    public static Path manifestFile(Path root, int rank, int ranks) {
        return root.resolve("dlio-parquet-manifest" + rankSuffix(rank, ranks) + ".json");
    }

    public static Path journalFile(Path root, int rank, int ranks) {
        return root.resolve(".dlio-parquet-manifest" + rankSuffix(rank, ranks) + ".journal");
    }

    /** Deletes a rank's manifest and journal: they describe a dataset that is being replaced. */
    public static void discard(Path root, int rank, int ranks) throws IOException {
        Files.deleteIfExists(journalFile(root, rank, ranks));
        Files.deleteIfExists(manifestFile(root, rank, ranks));
    }

    /** Deletes every manifest, journal and lock of every rank in {@code root} (the dataset is being removed). */
    public static void deleteBookkeeping(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.startsWith("dlio-parquet-manifest") || n.startsWith(".dlio-parquet-manifest")
                        || (n.startsWith(".dlio-parquet") && n.endsWith(".lock"))) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    public String fingerprint() {
        return fingerprint;
    }

    public boolean has(long file) {
        return sizes[(int) file] >= 0;
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

    public void forget(long file) {
        sizes[(int) file] = -1;
    }

    /**
     * A rank's record of the dataset of the workload with {@code fingerprint}: its manifest, then
     * whatever its journal adds.
     *
     * @return {@code null} when there is neither manifest nor journal
     * @throws OtherWorkloadException when they describe the dataset of another workload
     * @throws DataFileException      when the manifest is unreadable or describes a different number of files
     */
    public static DatasetManifest load(Path root, int rank, int ranks, DatasetPlan plan, String fingerprint)
            throws IOException {
        DatasetManifest m = null;
        Path manifest = manifestFile(root, rank, ranks);
        try (JsonParser p = JSON.createParser(Files.newBufferedReader(manifest, StandardCharsets.UTF_8))) {
            m = parseManifest(p, manifest, plan);
        } catch (NoSuchFileException e) {
            // no manifest: a first generation, or one that never finished
        } catch (JsonProcessingException e) {
            throw new DataFileException(manifest, "unreadable manifest: " + e.getOriginalMessage());
        } catch (CharacterCodingException e) {
            throw new DataFileException(manifest, "unreadable manifest: not UTF-8 text");
        }
        Path journal = journalFile(root, rank, ranks);
        DatasetManifest replayed = ManifestJournal.replay(journal, m, plan);
        if (replayed != null && !replayed.fingerprint.equals(fingerprint)) {
            throw new OtherWorkloadException(replayed == m ? manifest : journal);
        }
        return replayed;
    }

    private static DatasetManifest parseManifest(JsonParser p, Path file, DatasetPlan plan) throws IOException {
        expect(p.nextToken() == JsonToken.START_OBJECT, file, "not a JSON object");
        String fingerprint = null;
        DatasetManifest m = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "config_hash" -> fingerprint = p.getText();
                case "files" -> {
                    expect(fingerprint != null, file, "config_hash must come before files");
                    m = new DatasetManifest(fingerprint, plan.totalFiles());
                    expect(p.currentToken() == JsonToken.START_ARRAY, file, "files is not a list");
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        readEntry(p, file, m, plan);
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (m == null) {
            expect(fingerprint != null, file, "no config_hash");
            m = new DatasetManifest(fingerprint, plan.totalFiles());
        }
        return m;
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
        m.record(index, size, Integer.parseUnsignedInt(crc, 16));
    }

    /** Writes the manifest atomically: a reader sees the old one or the whole new one, never a part. */
    public void write(Path root, int rank, int ranks, DatasetPlan plan, String generator, boolean fsync) throws IOException {
        AtomicFiles.write(manifestFile(root, rank, ranks), fsync, ch -> {
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

        OtherWorkloadException(Path file) {
            super(file, "describes a dataset of another workload (its config_hash differs)");
        }
    }
}
