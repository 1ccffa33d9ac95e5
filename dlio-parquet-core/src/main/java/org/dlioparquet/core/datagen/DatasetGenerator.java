package org.dlioparquet.core.datagen;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.GenerationOptions;
import org.dlioparquet.core.GenerationResult;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.Version;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.dataset.Bookkeeping;
import org.dlioparquet.core.dataset.Companions;
import org.dlioparquet.core.dataset.ConfigFingerprint;
import org.dlioparquet.core.dataset.Crc32c;
import org.dlioparquet.core.dataset.DatasetManifest;
import org.dlioparquet.core.dataset.DatasetPlan;
import org.dlioparquet.core.dataset.DatasetRecords;
import org.dlioparquet.core.dataset.ManifestJournal;
import org.dlioparquet.core.dataset.WorkloadDataset;
import org.dlioparquet.core.internal.Sizes;
import org.dlioparquet.core.internal.WorkerThreads;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.WriteMode;
import org.dlioparquet.core.storage.AtomicFiles;
import org.dlioparquet.core.storage.ChecksummingChannel;

/**
 * Writes a workload's dataset: this rank's files ({@code rank, rank + ranks, ...} over train then
 * eval, as DLIO shards) on a pool of writer threads, each file written under a temporary name and
 * renamed when complete. Threads take the next file from a shared counter, so millions of files
 * need no queue; contents depend only on the file's spec, so the thread count never changes a byte.
 */
public final class DatasetGenerator {
    private static final int UNKNOWN_CRC = 0;

    private final WorkloadConfig config;
    private final GenerationOptions options;
    private final FormatProvider provider;
    private final DatasetPlan plan;
    private final Path root;

    public DatasetGenerator(WorkloadConfig config, GenerationOptions options) {
        this.config = config;
        this.options = options;
        WorkloadDataset dataset = WorkloadDataset.of(config);
        this.provider = dataset.provider();
        this.plan = dataset.plan();
        this.root = config.dataFolderPath();
    }

    /** Files this rank writes. */
    public long filesOfThisRank() {
        long total = plan.totalFiles();
        return total <= options.rank() ? 0 : (total - 1 - options.rank()) / options.ranks() + 1;
    }

    public GenerationResult generate() throws IOException {
        try {
            prepareFolders();
        } catch (FolderNotWritableException e) {
            // a complete dataset on a read-only mount is used as it is: completeness before writability
            GenerationResult complete = completeAsItIs();
            if (complete != null) {
                return complete;
            }
            throw e;
        }
        try (GenerationLock lock = GenerationLock.acquire(root, options.rank(), options.ranks())) {
            return generateLocked(lock.takenOverFrom());
        }
    }

    /**
     * The result of a generation with nothing to write, found without writing anything; {@code null}
     * when this rank's share is not complete as the records and the files stand.
     */
    private GenerationResult completeAsItIs() throws IOException {
        DatasetRecords records = DatasetRecords.load(root, plan, ConfigFingerprint.of(config));
        if (records.problem().isPresent()) {
            return null;
        }
        long mine = filesOfThisRank();
        BitSet todo = new BitSet((int) Math.min(Integer.MAX_VALUE, mine));
        long done = findCompleteFiles(records.manifest(), mine, todo);
        return todo.isEmpty() ? new GenerationResult(root, options.rank(), options.ranks(), 0, 0, Duration.ZERO,
                threadCount(), done, "") : null;
    }

    private GenerationResult generateLocked(String takenOver) throws IOException {
        int threads = threadCount();
        String fingerprint = ConfigFingerprint.of(config);
        DatasetRecords records = previousRecords(fingerprint);
        DatasetManifest manifest = records.manifest();
        long mine = filesOfThisRank();
        BitSet todo = new BitSet((int) Math.min(Integer.MAX_VALUE, mine));
        long done = findCompleteFiles(manifest, mine, todo);
        if (!options.overwrite() && !records.overwritten()) {
            refuseFilesWeDidNotWrite(manifest, todo);
        }
        removeLeftoverPartials();
        Path journalFile = Bookkeeping.journalFile(root, options.rank(), options.ranks());
        if (todo.isEmpty()) {
            // a run killed after its last file, before its manifest, left a journal: finish its bookkeeping;
            // a dataset that ranks of another count completed needs no manifest of ours
            if (Files.exists(journalFile) || !records.complete()) {
                writeManifest(manifest, journalFile);
            }
            return new GenerationResult(root, options.rank(), options.ranks(), 0, 0, Duration.ZERO, threads, done,
                    takenOver);
        }
        long payload = checkFreeSpace(todo);
        options.listener().started(todo.cardinality(), payload);
        FileGenerator generator = provider.newGenerator(config.dataset());
        Written written = new Written();
        long start = System.nanoTime();
        try (ManifestJournal journal = ManifestJournal.open(journalFile, fingerprint, options.overwrite())) {
            AtomicInteger next = new AtomicInteger(todo.nextSetBit(0));
            int workers = Math.max(1, Math.min(threads, todo.cardinality()));
            WorkerThreads.runAll("dlio-datagen", workers, (worker, group) -> {
                int k;
                while (!group.failed() && !Thread.currentThread().isInterrupted() && (k = claim(next, todo)) >= 0) {
                    long index = options.rank() + (long) k * options.ranks();
                    writeFile(plan.spec(index), index, generator, manifest, journal, written);
                }
            }, () -> { });
        }
        writeManifest(manifest, journalFile);
        return new GenerationResult(root, options.rank(), options.ranks(), written.files.get(), written.bytes.get(),
                Duration.ofNanos(System.nanoTime() - start), threads, done, takenOver);
    }

    /** Files and bytes this generation wrote so far, over all its threads. */
    private static final class Written {
        final AtomicLong files = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
    }

    /**
     * Writes one file under its temporary name with its CRC32C computed on the way (or, when the
     * format's writer seeked back, read back once), renames it into place, and records it in the
     * manifest and the journal.
     */
    private void writeFile(FileSpec spec, long index, FileGenerator generator, DatasetManifest manifest,
                           ManifestJournal journal, Written written) throws IOException {
        try {
            // companions first: a data file in place means its indexes are too
            Companions.write(root, provider.companions(config.dataset(), spec), options.storage(), options.fsync());
            boolean[] checksummed = new boolean[1];
            int[] crc = new int[1];
            long size = AtomicFiles.write(options.storage(), root.resolve(spec.relativePath()), options.fsync(), ch -> {
                ChecksummingChannel checked = new ChecksummingChannel(new ProgressChannel(ch, options.listener()));
                generator.write(spec, checked);
                crc[0] = checked.crc32c().orElse(UNKNOWN_CRC);
                checksummed[0] = checked.crc32c().isPresent();
            }, (partial, n) -> {
                if (!checksummed[0]) {
                    crc[0] = partial.crc32c();
                }
                // journalled before the rename: a file under its final name is always one a record names,
                // so a resumed generation can tell it from a file someone else put there
                journal.append(index, spec.relativePath(), n, crc[0]);
            }, generator.seeksBack(spec) ? WriteMode.SEEKABLE : WriteMode.SEQUENTIAL);
            manifest.record(index, size, crc[0]);
            written.bytes.addAndGet(size);
            written.files.incrementAndGet();
            options.listener().fileWritten(spec, size);
        } catch (IOException e) {
            throw withFile(spec, e);
        }
    }

    /** The share is complete: the manifest says so, and the journal it replaces goes. */
    private void writeManifest(DatasetManifest manifest, Path journalFile) throws IOException {
        manifest.write(root, options.rank(), options.ranks(), plan, generatorName(), options.fsync());
        Files.deleteIfExists(journalFile);
    }

    /**
     * The next file (position in this rank's share) to write, taken by one thread only, or -1 when
     * none is left. {@code todo} no longer changes once the workers start, so it is only read.
     */
    private static int claim(AtomicInteger next, BitSet todo) {
        int end = todo.length();
        int k;
        while ((k = next.getAndIncrement()) >= 0 && k < end) { // >= 0: never past a wrapped counter
            if (todo.get(k)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * What previous generations of this workload recorded, of every rank count. A manifest (or
     * journal) of a different workload means the folder holds another dataset, and an unreadable
     * one cannot say what the folder holds: both are an error unless overwriting, which deletes them
     * before anything is written, so that no record of the old dataset outlives its files.
     */
    private DatasetRecords previousRecords(String fingerprint) throws IOException {
        DatasetRecords records = DatasetRecords.load(root, plan, fingerprint);
        Optional<DataFileException> problem = records.problem();
        if (problem.isEmpty()) {
            return records;
        }
        if (!options.overwrite()) {
            if (problem.get() instanceof DatasetManifest.OtherWorkloadException e) {
                throw new ConfigException("dataset.data_folder", root + " holds a dataset generated from a different "
                        + "workload (see " + e.file().getFileName() + "); choose another data_folder, or "
                        + "regenerate it with --overwrite");
            }
            throw new DataFileException(problem.get().file(), problem.get().reason()
                    + "; regenerate the folder with --overwrite");
        }
        records.discardOthers();
        return DatasetRecords.load(root, plan, fingerprint);
    }

    /**
     * Marks in {@code todo} the files of this rank's share that must be written: those the manifest
     * does not list, whose size differs, or (with {@code verify}) whose CRC32C differs. Removes
     * leftover temporary files of a killed run.
     *
     * @return files already complete
     */
    private long findCompleteFiles(DatasetManifest manifest, long mine, BitSet todo) throws IOException {
        long done = 0;
        for (int k = 0; k < mine; k++) {
            long index = options.rank() + (long) k * options.ranks();
            Path file = root.resolve(plan.spec(index).relativePath());
            if (manifest.has(index) && isIntact(file, manifest, index) && Companions.intact(root,
                    provider.companions(config.dataset(), plan.spec(index)), options.verify())) {
                done++;
                continue;
            }
            manifest.forget(index);
            todo.set(k);
        }
        return done;
    }

    /**
     * Refuses to replace a file of this rank's share that no record of this workload names: a
     * user's file, or a dataset another program wrote under DLIO's names.
     */
    private void refuseFilesWeDidNotWrite(DatasetManifest manifest, BitSet todo) throws IOException {
        ForeignFiles found = new ForeignFiles();
        for (Split split : Split.values()) {
            for (String folder : plan.layout().folders(split)) {
                found.scan(folder, split, manifest, todo);
            }
        }
        if (found.count > 0) {
            throw new DataFileException(root.resolve(found.first), "exists but no manifest of this workload records "
                    + "it" + (found.count > 1 ? " (nor " + (found.count - 1) + " more files of this dataset)" : "")
                    + "; dlio-parquet does not replace files it did not write: move them away, or regenerate with "
                    + "datagen --overwrite");
        }
    }

    /** Files of this rank's share to be written that are already there, though no record names them. */
    private final class ForeignFiles {
        long count;
        String first;

        void scan(String folder, Split split, DatasetManifest manifest, BitSet todo) throws IOException {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                return;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path p : files) {
                    long index = plan.layout().indexIn(folder, p.getFileName().toString(), split);
                    long global = split == Split.TRAIN ? index : config.dataset().numFilesTrain() + index;
                    if (index >= 0 && global % options.ranks() == options.rank() && !manifest.named(global)
                            && todo.get((int) (global / options.ranks()))) {
                        if (first == null) {
                            first = folder + "/" + p.getFileName();
                        }
                        count++;
                    }
                }
            }
        }
    }

    /**
     * Refuses a generation whose files cannot fit in the free space of the data folder's file
     * system, before it writes anything.
     *
     * @return the bytes of the samples of the files to write, for progress
     */
    private long checkFreeSpace(BitSet todo) throws IOException {
        long needed = 0;
        long payload = 0;
        for (int k = todo.nextSetBit(0); k >= 0; k = todo.nextSetBit(k + 1)) {
            long index = options.rank() + (long) k * options.ranks();
            needed = saturatedAdd(needed, plan.minimumFileBytes(index));
            payload = saturatedAdd(payload, plan.payloadBytes(index));
        }
        long free = Files.getFileStore(root).getUsableSpace();
        if (needed > free) {
            throw new NotEnoughSpaceException(root, todo.cardinality(), needed, free);
        }
        return payload;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * Deletes the temporary files a killed run of this rank left behind, with one listing per folder.
     * Other ranks' temporaries are left alone: they may be writing them right now.
     */
    private void removeLeftoverPartials() throws IOException {
        for (Split split : Split.values()) {
            for (String folder : plan.layout().folders(split)) {
                removePartialsIn(folder, split);
            }
        }
    }

    private void removePartialsIn(String folder, Split split) throws IOException {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "." + "*" + AtomicFiles.PARTIAL_SUFFIX)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                long index = plan.layout().indexIn(folder,
                        name.substring(1, name.length() - AtomicFiles.PARTIAL_SUFFIX.length()), split);
                long global = split == Split.TRAIN ? index : config.dataset().numFilesTrain() + index;
                if (index >= 0 && global % options.ranks() == options.rank()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private boolean isIntact(Path file, DatasetManifest manifest, long index) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != manifest.size(index)) {
            return false;
        }
        return !options.verify() || Crc32c.of(file) == manifest.crc32c(index);
    }

    private static String generatorName() {
        return "dlio-parquet " + Version.get();
    }

    int threadCount() {
        if (options.threads() > 0) {
            return options.threads();
        }
        int configured = config.dataset().generationThreads();
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Creates {@code train/}, {@code valid/} and subfolders (DLIO always creates both splits) and
     * proves the folder is writable before any data is written.
     */
    private void prepareFolders() throws IOException {
        try {
            for (Split split : Split.values()) {
                for (String folder : plan.layout().folders(split)) {
                    Files.createDirectories(root.resolve(folder)); // the split's folder too
                }
            }
            // a name of its own: generations of other rank counts may probe the same folder at once
            Path probe = Files.createTempFile(root.resolve(Split.TRAIN.folder()), ".dlio-parquet-probe-",
                    AtomicFiles.PARTIAL_SUFFIX);
            Files.delete(probe);
        } catch (FileSystemException e) {
            throw new FolderNotWritableException(root, e);
        }
    }

    private static IOException withFile(FileSpec spec, IOException e) {
        if (e instanceof FileSystemException || e instanceof DataFileException) {
            return e;
        }
        return new IOException(spec.relativePath() + ": " + e.getMessage(), e);
    }

    /** The files to write need more space than the data folder's file system has free. */
    public static final class NotEnoughSpaceException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        NotEnoughSpaceException(Path root, long files, long needed, long free) {
            super(root.toString(), null, "not enough free space: the " + files + " files to write need at least "
                    + Sizes.bytes(needed) + " (their samples alone), the file system has " + Sizes.bytes(free)
                    + " free; free space, or lower dataset.num_files_train, num_samples_per_file or "
                    + "record_length_bytes");
        }
    }

    /** The data folder cannot be created or written; names the key and the reason. */
    public static final class FolderNotWritableException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        FolderNotWritableException(Path root, FileSystemException cause) {
            super(root.toString(), null, "dataset.data_folder is not writable ("
                    + reasonOf(cause) + ")");
            initCause(cause);
        }

        private static String reasonOf(FileSystemException e) {
            String reason = e.getReason();
            if (e instanceof AccessDeniedException) {
                reason = "permission denied";
            } else if (e instanceof FileAlreadyExistsException) {
                reason = "a file is in the way";
            } else if (reason == null) {
                reason = e.getClass().getSimpleName();
            }
            return (e.getFile() == null ? "" : e.getFile() + ": ") + reason;
        }
    }
}
