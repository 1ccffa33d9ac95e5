package org.dlioparquet.cli;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlio-parquet inspect}: what a data file holds, and with {@code --read} proof it decodes. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show what a data file holds: Parquet schema, row groups and codecs; NPZ members, shapes "
                + "and dtypes; CSV rows and columns.",
                "With --read, decode every sample through the format's reader and print the count and bytes "
                        + "(exit 3 when the file is not readable)."})
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "A data file (.parquet, .npz, .npy, .csv[.gz|.bz2|.xz|.zst], ...).")
    Path file;

    @Option(names = "--read", description = "Also decode every sample.")
    boolean read;

    @Option(names = "--element-type", paramLabel = "TYPE", defaultValue = "uint8",
            description = "Element type of CSV values (CSV does not record it; default ${DEFAULT-VALUE}).")
    String elementType;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        FormatRegistry registry = FormatRegistry.loadDefault();
        FormatProvider provider = registry.forFileName(file.getFileName().toString()).orElseThrow(() ->
                new DataFileException(file, "no format reads this file name (available: " + registry.availableNames()
                        + "; see dlio-parquet formats)"));
        out.println("file: " + file + " (" + Files.size(file) + " bytes)");
        for (String line : provider.describe(file)) {
            out.println(line);
        }
        if (read) {
            ReaderSettings settings = ReaderSettings.defaults().withElementType(ElementType.parse(elementType));
            long[] payload = new long[1];
            long nulls;
            try (SampleFile f = provider.newReader(settings).open(file)) {
                long[] nullCount = new long[1];
                f.read(0, f.sampleCount(), new SampleSink() {
                    @Override
                    public void accept(int sample, int column, ByteBuffer piece) {
                        if (piece == null) {
                            nullCount[0]++;
                        } else {
                            payload[0] += piece.remaining();
                        }
                    }
                });
                nulls = nullCount[0];
                out.printf(Locale.ROOT, "read: %d samples, %d value bytes decoded%s, %d bytes read from storage%n",
                        f.sampleCount(), payload[0], nulls > 0 ? " (" + nulls + " null values)" : "", f.bytesRead());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
