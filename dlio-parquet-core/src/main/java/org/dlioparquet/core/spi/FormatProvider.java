package org.dlioparquet.core.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.DatasetConfig;

/**
 * A dataset format: its generator and its reader. Found with {@link java.util.ServiceLoader};
 * a provider jar registers its class in
 * {@code META-INF/services/org.dlioparquet.core.spi.FormatProvider} and needs a public no-argument
 * constructor. Exactly one provider may claim a {@link FormatType}.
 */
public interface FormatProvider {
    FormatType format();

    /** One line for {@code dlio-parquet formats}. */
    default String description() {
        return format().name();
    }

    /**
     * Extension of the generated files, without the leading dot, e.g. {@code parquet} or
     * {@code csv.gz}. DLIO names files {@code <prefix>_<i>_of_<N>.<extension>}.
     */
    String fileExtension(DatasetConfig dataset);

    /** Extensions this provider reads, for finding files and for {@code inspect}. */
    default List<String> readableExtensions() {
        return List.of(format().name());
    }

    /**
     * Checks the format-specific parts of a dataset (compression, limits of the format) and
     * reports every problem; called before any file is touched.
     */
    default void validate(DatasetConfig dataset, ProblemReporter problems) {
    }

    FileGenerator newGenerator(DatasetConfig dataset);

    /**
     * The files written beside data file {@code spec} (indexes), none by default. Generation writes
     * them before the data file, so a data file in place means its companions were written;
     * validation and {@code keep_files: False} treat them as part of the dataset.
     */
    default List<CompanionFile> companions(DatasetConfig dataset, FileSpec spec) {
        return List.of();
    }

    FormatReader newReader(ReaderSettings settings);

    /**
     * The settings {@code validate --deep} reads with: by default those given; a format whose
     * strongest check is a full decode (images) asks for it here.
     */
    default ReaderSettings deepValidationSettings(ReaderSettings settings) {
        return settings;
    }

    /**
     * What a file holds, as lines for {@code dlio-parquet inspect}: schema, row groups and codecs,
     * archive members, shapes and types. The default opens the file with a default reader and
     * reports its samples and columns.
     *
     * @throws org.dlioparquet.core.DataFileException when the file is not a valid file of this format
     */
    default List<String> describe(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (SampleFile f = newReader(ReaderSettings.defaults()).open(file)) {
            lines.add("format: " + format());
            lines.add("samples: " + f.sampleCount());
            lines.add("columns: " + String.join(", ", f.columns()));
        }
        return lines;
    }
}
