package org.dlioparquet.core.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.ValidationReport;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.spi.CompanionFile;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;

/**
 * Checks that a dataset on disk matches its workload: every file present under its DLIO name and
 * not empty; with {@code deep}, every file opened and every sample decoded, with the sample count
 * and (for one-blob-per-sample layouts) each sample's size checked against the workload.
 */
public final class DatasetValidator {
    private static final int MAX_PROBLEMS = 50;

    private final WorkloadConfig config;
    private final boolean deep;

    public DatasetValidator(WorkloadConfig config, boolean deep) {
        this.config = config;
        this.deep = deep;
    }

    public ValidationReport validate() throws IOException {
        DatasetConfig ds = config.dataset();
        WorkloadDataset dataset = WorkloadDataset.of(config);
        FormatProvider provider = dataset.provider();
        DatasetPlan plan = dataset.plan();
        Path root = config.dataFolderPath();
        List<String> problems = new ArrayList<>();
        long present = 0;
        long bytes = 0;
        long samples = 0;
        long missing = 0;
        FormatReader reader = deep ? provider.newReader(provider.deepValidationSettings(
                ReaderSettings.defaults().withElementType(ds.recordElementType()))) : null;
        DatasetManifest manifest = ManifestCheck.load(config, plan, root, problems);
        for (long i = 0; i < plan.totalFiles(); i++) {
            FileSpec spec = plan.spec(i);
            Path file = root.resolve(spec.relativePath());
            if (!Files.isRegularFile(file)) {
                missing++;
                add(problems, file + ": missing");
                continue;
            }
            present++;
            long size = Files.size(file);
            bytes += size;
            if (size == 0) {
                add(problems, file + ": empty file (0 bytes)");
                continue;
            }
            String mismatch = ManifestCheck.compare(manifest, i, file, size, deep);
            if (mismatch != null) {
                add(problems, file + ": " + mismatch);
                continue;
            }
            for (CompanionFile c : provider.companions(ds, spec)) {
                String wrong = Companions.problem(root, c, deep);
                if (wrong != null) {
                    add(problems, root.resolve(c.relativePath()) + ": " + wrong);
                }
            }
            if (deep) {
                try {
                    samples += readAll(reader, file, spec, ds);
                } catch (DataFileException e) {
                    add(problems, e.getMessage());
                }
            }
        }
        if (missing > 0) {
            problems.add(0, root + ": " + missing + " of " + plan.totalFiles() + " files are missing");
        }
        return new ValidationReport(plan.totalFiles(), present, bytes, samples, problems);
    }

    private long readAll(FormatReader reader, Path file, FileSpec spec, DatasetConfig ds) throws IOException {
        try (SampleFile f = reader.open(file)) {
            if (f.sampleCount() != spec.numSamples()) {
                throw new DataFileException(file, "holds " + f.sampleCount() + " samples, the workload expects "
                        + spec.numSamples() + " (dataset.num_samples_per_file)");
            }
            boolean blob = !ds.isColumnLayout();
            long expected = spec.sampleBytes(ds.recordElementType());
            long[] sizes = new long[f.sampleCount()];
            int single = f.columns().size() == 1 ? 0 : f.columns().indexOf(SampleFile.DATA_COLUMN);
            f.read(0, f.sampleCount(), new SampleSink() {
                @Override
                public void accept(int sample, int column, ByteBuffer piece) {
                    if (column == single && piece != null) {
                        sizes[sample] += piece.remaining();
                    }
                }
            });
            if (blob && single >= 0) {
                for (int k = 0; k < sizes.length; k++) {
                    if (sizes[k] != expected) {
                        throw new DataFileException(file, "sample " + k + " has " + sizes[k] + " bytes, the workload "
                                + "expects " + expected + " (shape " + spec.sampleShape() + " of "
                                + ds.recordElementType() + ")");
                    }
                }
            }
            return f.sampleCount();
        }
    }

    private static void add(List<String> problems, String p) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        } else if (problems.size() == MAX_PROBLEMS) {
            problems.add("... (more problems not listed)");
        }
    }
}
