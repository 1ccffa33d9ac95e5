package org.dlioparquet.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.spi.FormatRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadsTest {
    @TempDir
    Path dir;

    @Test
    void theBaseDirectoryFindsTheFileAndResolvesItsFolders() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("w.yaml"), """
                model: {name: relative}
                dataset: {format: npz, data_folder: target/data, num_files_train: 2}
                """);

        WorkloadConfig c = Workloads.load(FormatRegistry.loadDefault(), project, "w.yaml", List.of());

        assertThat(c.model().name()).isEqualTo("relative");
        assertThat(c.dataFolderPath()).isEqualTo(project.resolve("target/data").toAbsolutePath().normalize());
    }

    /** index.txt is how a jar lists its workloads: it must name exactly the YAML files beside it. */
    @Test
    void theIndexNamesEveryBundledWorkloadFileAndNothingElse() throws IOException {
        Path folder = Path.of("src/main/resources/org/dlioparquet/core/workloads");
        List<String> files;
        try (var list = Files.list(folder)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
        }

        assertThat(files).isNotEmpty();
        assertThat(Workloads.bundled()).containsExactlyInAnyOrderElementsOf(files);
        for (String name : files) {
            assertThat(Workloads.bundledText(name)).contains(Files.readString(folder.resolve(name + ".yaml")));
        }
    }

    @Test
    void aBareNameIsABundledWorkloadWhoseFoldersResolveAgainstTheBaseDirectory() {
        WorkloadConfig c = Workloads.load(FormatRegistry.loadDefault(), dir, "quickstart", List.of());

        assertThat(c.model().name()).isEqualTo("quickstart");
        assertThat(c.dataFolderPath()).isEqualTo(dir.resolve("data/quickstart").toAbsolutePath().normalize());
    }

    @Test
    void neitherAFileNorABundledNameListsTheBundledOnes() {
        assertThatThrownBy(() -> Workloads.load(FormatRegistry.loadDefault(), dir, "nope.yaml", List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("nope.yaml: no such workload file, and no bundled workload of that name "
                        + "(bundled: quickstart");
    }
}
