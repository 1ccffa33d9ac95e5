package org.dlioparquet.core.dataset;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.config.WorkloadConfig;

/**
 * What the generations of one workload recorded in a data folder: the manifests and journals of
 * every rank of every rank count, read into one {@link DatasetManifest}. A dataset written by
 * three processes ({@code --rank r --ranks 3}) is complete for a plain {@code datagen}, a run and
 * {@code validate} alike; a generation with another rank count keeps the files they finished.
 *
 * <p>Records of another workload, and records that cannot be read, are kept aside: they mean the
 * folder holds something else, which only an overwrite may discard.
 */
public final class DatasetRecords {
    private final Path root;
    private final DatasetManifest manifest;
    private final List<Path> others;
    private final List<DataFileException> unreadable;
    private final boolean complete;
    private final boolean overwritten;

    private DatasetRecords(Path root, DatasetManifest manifest, List<Path> others, List<DataFileException> unreadable,
                           boolean complete, boolean overwritten) {
        this.root = root;
        this.manifest = manifest;
        this.others = others;
        this.unreadable = unreadable;
        this.complete = complete;
        this.overwritten = overwritten;
    }

    /** The records of the workload's dataset in its data folder. */
    public static DatasetRecords load(WorkloadConfig config, DatasetPlan plan) throws IOException {
        return load(config.dataFolderPath(), plan, ConfigFingerprint.of(config));
    }

    /** The records in {@code root} of the dataset whose workload has {@code fingerprint}. */
    public static DatasetRecords load(Path root, DatasetPlan plan, String fingerprint) throws IOException {
        DatasetManifest merged = new DatasetManifest(fingerprint, plan.totalFiles());
        List<Path> others = new ArrayList<>();
        List<DataFileException> unreadable = new ArrayList<>();
        Map<Integer, BitSet> finishedRanks = new HashMap<>();
        boolean overwritten = false;
        for (Map.Entry<Long, Bookkeeping> pair : rankRecords(root).entrySet()) {
            Bookkeeping rank = pair.getValue();
            Path manifestFile = Bookkeeping.manifestFile(root, rank.rank(), rank.ranks());
            Path journalFile = Bookkeeping.journalFile(root, rank.rank(), rank.ranks());
            // the journal first: another workload's header in it means the manifest no longer counts
            ManifestJournal.Scan journal = ManifestJournal.readInto(journalFile, fingerprint, merged, plan);
            String manifestHash = null;
            boolean manifestCounts = journal == null || !journal.otherWorkloadBefore();
            if (manifestCounts && Files.exists(manifestFile)) {
                try {
                    manifestHash = DatasetManifest.readInto(manifestFile, fingerprint, merged, plan);
                } catch (NoSuchFileException e) {
                    // replaced or removed while listed: the journal says what there is
                } catch (DataFileException e) {
                    unreadable.add(e);
                }
            }
            String effective = journal != null && journal.lastHeader() != null ? journal.lastHeader() : manifestHash;
            if (effective != null && !effective.equals(fingerprint)) {
                others.add(journal != null && journal.lastHeader() != null ? journalFile : manifestFile);
            } else {
                overwritten |= journal != null && journal.overwrite();
                if (fingerprint.equals(manifestHash)) {
                    finishedRanks.computeIfAbsent(rank.ranks(), p -> new BitSet()).set(rank.rank());
                }
            }
        }
        boolean complete = finishedRanks.entrySet().stream()
                .anyMatch(e -> e.getValue().cardinality() == e.getKey());
        return new DatasetRecords(root, merged, others, unreadable, complete, overwritten);
    }

    /** Each rank (of each rank count) with a manifest or a journal in {@code root}, in a stable order. */
    private static Map<Long, Bookkeeping> rankRecords(Path root) throws IOException {
        Map<Long, Bookkeeping> out = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root)) {
            for (Path f : files) {
                Optional<Bookkeeping> b = Bookkeeping.of(f.getFileName().toString());
                if (b.isPresent() && (b.get().kind() == Bookkeeping.Kind.MANIFEST
                        || b.get().kind() == Bookkeeping.Kind.JOURNAL)) {
                    out.put(((long) b.get().ranks() << 32) | b.get().rank(), b.get());
                }
            }
        }
        return out;
    }

    /** Every record of this workload, merged: the files its generations wrote, with their sizes and CRC32C. */
    public DatasetManifest manifest() {
        return manifest;
    }

    /** Whether the manifests of every rank of one rank count are there: the generations finished. */
    public boolean complete() {
        return complete;
    }

    /**
     * Whether an overwrite by this workload is under way (its journal says so): the files under the
     * dataset's names are this workload's to replace, though no record names them yet.
     */
    public boolean overwritten() {
        return overwritten;
    }

    /**
     * Why these records cannot be trusted to describe the folder: a manifest or journal of another
     * workload, or one that cannot be read; empty when they can.
     */
    public Optional<DataFileException> problem() {
        if (!unreadable.isEmpty()) {
            return Optional.of(unreadable.get(0));
        }
        return others.isEmpty() ? Optional.empty() : Optional.of(new DatasetManifest.OtherWorkloadException(
                others.get(0)));
    }

    /**
     * Whether {@code file}, a manifest or journal in the folder, is this workload's: readable, and
     * of a rank whose records describe this workload's dataset.
     */
    public boolean isThisWorkloads(Path file) {
        Optional<Bookkeeping> b = Bookkeeping.of(file.getFileName().toString());
        if (b.isEmpty() || unreadable.stream().anyMatch(e -> file.equals(e.file()))) {
            return false;
        }
        return others.stream().map(o -> Bookkeeping.of(o.getFileName().toString()).orElseThrow())
                .noneMatch(o -> o.rank() == b.get().rank() && o.ranks() == b.get().ranks());
    }

    /**
     * Deletes the manifests and journals of other workloads, and those that cannot be read, of every
     * rank count (an overwrite: the folder is this workload's from now on, even if it is interrupted).
     */
    public void discardOthers() throws IOException {
        for (Path other : others) {
            Bookkeeping b = Bookkeeping.of(other.getFileName().toString()).orElseThrow();
            Files.deleteIfExists(Bookkeeping.journalFile(root, b.rank(), b.ranks()));
            Files.deleteIfExists(Bookkeeping.manifestFile(root, b.rank(), b.ranks()));
        }
        for (DataFileException e : unreadable) {
            Files.deleteIfExists(e.file());
        }
    }
}
