package org.dlioparquet.maven;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.config.WorkloadConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@MojoTest
class ValidateMojoTest {
    @TempDir
    Path tmp;

    @Test
    @Basedir("src/test/projects/small")
    @InjectMojo(goal = "validate", pom = "pom.xml")
    void checksTheDatasetOnlyWhenAsked(ValidateMojo mojo) throws Exception {
        mojo.overrideList = List.of("++workload.dataset.data_folder=" + tmp.resolve("data"));
        mojo.execute(); // the workload alone is fine

        mojo.data = true;
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("dataset does not match the workload: " + tmp.resolve("data")
                        + ": 3 of 3 files are missing");

        WorkloadConfig config = mojo.loadWorkload();
        Dlio.generate(config);
        mojo.deep = true;
        assertThatCode(mojo::execute).doesNotThrowAnyException();

        // same size, other bytes: the shallow check passes, the deep one (checksums) does not
        Path victim = tmp.resolve("data/train/img_2_of_3.npz");
        byte[] bytes = Files.readAllBytes(victim);
        bytes[bytes.length / 2] ^= 1;
        Files.write(victim, bytes);
        mojo.deep = false;
        assertThatCode(mojo::execute).doesNotThrowAnyException();
        mojo.deep = true;
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("dataset does not match the workload: " + victim + ": CRC32C ");
    }
}
