package org.dlioparquet.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.DlioException;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.testing.RawBinFormatProvider;
import org.dlioparquet.core.testing.RawBinTwinProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatRegistryTest {

    @Test
    void serviceLoaderFindsAProviderThatOnlyTestSourcesRegister() {
        FormatRegistry registry = FormatRegistry.load(getClass().getClassLoader());

        assertThat(registry.formats()).contains(RawBinFormatProvider.RAWBIN);
        assertThat(registry.provider(RawBinFormatProvider.RAWBIN)).isInstanceOf(RawBinFormatProvider.class);
    }

    @Test
    void parsingIsCaseInsensitive() {
        FormatRegistry registry = FormatRegistry.of(List.of(new RawBinFormatProvider()));

        assertThat(registry.parse("RawBin")).isEqualTo(RawBinFormatProvider.RAWBIN);
        assertThat(registry.parse(" rawbin ")).isEqualTo(RawBinFormatProvider.RAWBIN);
    }

    @Test
    void unknownFormatListsTheFormatsActuallyAvailable() {
        FormatRegistry registry = FormatRegistry.of(List.of(new RawBinFormatProvider()));

        assertThatThrownBy(() -> registry.parse("parqet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown format 'parqet'; available: rawbin");
        assertThatThrownBy(() -> registry.parse("tfrecord"))
                .hasMessage("format 'tfrecord' is a DLIO format that dlio-parquet does not support yet; available: rawbin");
    }

    @Test
    void twoProvidersClaimingOneFormatIsAClearError() {
        assertThatThrownBy(() -> FormatRegistry.of(List.of(new RawBinFormatProvider(), new RawBinTwinProvider())))
                .isInstanceOf(DlioException.class)
                .hasMessageContaining("format 'rawbin' is claimed by two providers")
                .hasMessageContaining(RawBinFormatProvider.class.getName())
                .hasMessageContaining(RawBinTwinProvider.class.getName());
    }

    @Test
    void twoProvidersOnOneClassPathAreFoundAndRejected(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services/" + FormatProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, RawBinTwinProvider.class.getName() + "\n");
        // the parent already registers RawBinFormatProvider; the child class path adds the twin
        try (URLClassLoader child = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> FormatRegistry.load(child))
                    .isInstanceOf(DlioException.class)
                    .hasMessageContaining("claimed by two providers");
        }
    }

    @Test
    void findsTheProviderOfAFileByItsLongestExtension() {
        FormatRegistry registry = FormatRegistry.of(List.of(new RawBinFormatProvider()));

        assertThat(registry.forFileName("img_1_of_8.rawbin")).containsInstanceOf(RawBinFormatProvider.class);
        assertThat(registry.forFileName("img_1_of_8.csv")).isEmpty();
    }

    @Test
    void theLongestMatchingExtensionWinsWhicheverProviderIsSeenFirst() {
        // the registry orders providers by format name: "aaa" is looked at before "zzz"
        for (boolean gzFirst : new boolean[] {true, false}) {
            FormatProvider gz = new ExtensionProvider(gzFirst ? "aaa" : "zzz", "gz");
            FormatProvider csvGz = new ExtensionProvider(gzFirst ? "zzz" : "aaa", "csv.gz");
            for (List<FormatProvider> order : List.of(List.of(gz, csvGz), List.of(csvGz, gz))) {
                FormatRegistry registry = FormatRegistry.of(order);

                assertThat(registry.forFileName("a.csv.gz")).as("gz first: %s", gzFirst).containsSame(csvGz);
                assertThat(registry.forFileName("A.CSV.GZ")).containsSame(csvGz);
                assertThat(registry.forFileName("a.tar.gz")).containsSame(gz);
                assertThat(registry.forFileName("a.csvgz")).isEmpty();
            }
        }
    }

    /** A provider that only names a format and the one extension it reads. */
    private record ExtensionProvider(String name, String extension) implements FormatProvider {
        @Override
        public FormatType format() {
            return FormatType.of(name);
        }

        @Override
        public List<String> readableExtensions() {
            return List.of(extension);
        }

        @Override
        public String fileExtension(DatasetConfig dataset) {
            return extension;
        }

        @Override
        public FileGenerator newGenerator(DatasetConfig dataset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FormatReader newReader(ReaderSettings settings) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void formatTypesCompareByNormalizedName() {
        assertThat(FormatType.of("PARQUET")).isEqualTo(FormatType.PARQUET);
        assertThatThrownBy(() -> FormatType.of("par quet")).isInstanceOf(IllegalArgumentException.class);
    }
}
