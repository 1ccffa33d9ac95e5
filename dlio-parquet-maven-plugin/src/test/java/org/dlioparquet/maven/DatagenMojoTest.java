package org.dlioparquet.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.GenerationOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@MojoTest
class DatagenMojoTest {
    @TempDir
    Path tmp;

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "datagen", pom = "pom.xml")
    void bindsThePomConfiguration(DatagenMojo mojo) {
        assertThat(mojo.workload).isEqualTo("workload.yaml");
        assertThat(mojo.overrides).containsEntry("dataset.num_files_train", "3");
        assertThat(mojo.overrideList).containsExactly("++workload.reader.batch_size=2");
        assertThat(mojo.threads).isEqualTo(2);
        assertThat(mojo.skip).isFalse();
        assertThat(mojo.allOverrides()).containsExactly("dataset.num_files_train=3", "++workload.reader.batch_size=2");
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "datagen", pom = "pom.xml")
    void writesTheDatasetAndExportsWhatItWrote(DatagenMojo mojo) throws Exception {
        mojo.overrideList = List.of("++workload.dataset.data_folder=" + tmp.resolve("data"));

        mojo.execute();

        try (Stream<Path> files = Files.list(tmp.resolve("data/train"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("img_0_of_3.npz", "img_1_of_3.npz", "img_2_of_3.npz");
        }
        assertThat(mojo.project.getProperties())
                .containsEntry("dlio.datagen.files", "3")
                .containsEntry("dlio.data.folder", tmp.resolve("data").toString());
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "datagen", pom = "pom.xml")
    @MojoParameter(name = "skip", value = "true")
    void skipDoesNothingAtAll(DatagenMojo mojo) throws Exception {
        mojo.workload = "no-such-workload";

        mojo.execute();

        assertThat(mojo.project.getProperties()).doesNotContainKey("dlio.datagen.files");
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "datagen", pom = "pom.xml")
    void aWorkloadMistakeFailsTheBuildWithTheOneLineMessage(DatagenMojo mojo) {
        mojo.overrideList = List.of("++workload.reader.batch_sise=2");

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("reader.batch_sise: unknown key; did you mean reader.batch_size? "
                        + "(override ++workload.reader.batch_sise=2)");
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "datagen", pom = "pom.xml")
    void anUnknownWorkloadFailsTheBuild(DatagenMojo mojo) {
        mojo.workload = "missing.yaml";

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("missing.yaml: no such workload file, and no bundled workload of that name");
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "datagen", pom = "pom.xml")
    void anIoFailureIsAnExecutionError(DatagenMojo mojo) throws Exception {
        Files.writeString(tmp.resolve("blocker"), "x");
        mojo.overrideList = List.of("++workload.dataset.data_folder=" + tmp.resolve("blocker/data"));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("dataset.data_folder is not writable");
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "datagen", pom = "pom.xml")
    void aWorkloadWarningIsLoggedOnce(DatagenMojo mojo) throws Exception {
        mojo.overrideList = List.of("++workload.dataset.data_folder=" + tmp.resolve("data"),
                "++workload.workflow.debug=True");
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);

        mojo.execute();

        assertThat(log.containing("DLIO ignores workflow.debug")).singleElement().asString()
                .startsWith("[warn] workflow.debug: DLIO ignores workflow.debug");
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "datagen", pom = "pom.xml")
    void logsTheCoresSummaryLineWithTheConfiguredThreads(DatagenMojo mojo) throws Exception {
        mojo.overrideList = List.of("++workload.dataset.data_folder=" + tmp.resolve("data"));
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);

        mojo.execute();
        mojo.execute();

        assertThat(log.lines).anyMatch(l -> l.matches(
                "\\[info] dlio-parquet: wrote 3 files, [0-9.]+ MB in [0-9.]+ s \\([0-9.]+ MB/s\\) with 2 threads"));
        assertThat(log.lines).contains("[info] dlio-parquet: dataset complete: all 3 files match the manifest (sizes); "
                + "nothing to do");
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "datagen", pom = "pom.xml")
    @MojoParameter(name = "fsync", value = "true")
    @MojoParameter(name = "verify", value = "true")
    void threadsFsyncAndVerifyReachTheGeneration(DatagenMojo mojo) {
        assertThat(mojo.generationOptions())
                .extracting(GenerationOptions::threads, GenerationOptions::fsync, GenerationOptions::verify)
                .containsExactly(2, true, true);
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "datagen", pom = "pom.xml")
    void verifyRewritesAKeptFileWhoseBytesChanged(DatagenMojo mojo) throws Exception {
        mojo.overrideList = List.of("++workload.dataset.data_folder=" + tmp.resolve("data"));
        mojo.execute();
        Path victim = tmp.resolve("data/train/img_1_of_3.npz");
        byte[] original = Files.readAllBytes(victim);
        byte[] bytes = original.clone();
        bytes[bytes.length / 2] ^= 1; // same size: only a checksum sees it
        Files.write(victim, bytes);

        mojo.execute();
        assertThat(mojo.project.getProperties()).containsEntry("dlio.datagen.files", "0");
        assertThat(Files.readAllBytes(victim)).isEqualTo(bytes);

        mojo.verify = true;
        mojo.execute();
        assertThat(mojo.project.getProperties()).containsEntry("dlio.datagen.files", "1");
        assertThat(Files.readAllBytes(victim)).isEqualTo(original);
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "datagen", pom = "pom.xml")
    void aDatasetThatThreeRanksWroteIsComplete(DatagenMojo mojo) throws Exception {
        mojo.overrideList = List.of("++workload.dataset.data_folder=" + tmp.resolve("data"));
        for (int r = 0; r < 3; r++) {
            Dlio.generate(mojo.loadWorkload(), GenerationOptions.defaults().withRank(r, 3));
        }
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);

        mojo.execute();

        assertThat(mojo.project.getProperties()).containsEntry("dlio.datagen.files", "0");
        assertThat(log.lines).contains("[info] dlio-parquet: dataset complete: all 3 files match the manifest (sizes); "
                + "nothing to do");
    }

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "datagen", pom = "pom.xml")
    @MojoParameter(name = "overwrite", value = "true")
    void overwriteReplacesFilesNoManifestRecords(DatagenMojo mojo) throws Exception {
        mojo.overrideList = List.of("++workload.dataset.data_folder=" + tmp.resolve("data"));
        Path mine = tmp.resolve("data/train/img_0_of_3.npz");
        Files.createDirectories(mine.getParent());
        Files.writeString(mine, "not ours");
        mojo.overwrite = false;
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage(mine + ": exists but no manifest of this workload records it; dlio-parquet does not "
                        + "replace files it did not write: move them away, or regenerate with datagen --overwrite");

        mojo.overwrite = true;
        mojo.execute();

        assertThat(mojo.project.getProperties()).containsEntry("dlio.datagen.files", "3");
    }
}
