package org.dlioparquet.maven;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.dlioparquet.core.DataFileException;
import org.junit.jupiter.api.Test;

/** How every goal reports what the core throws; the core decides which failure is which. */
class FailureMappingTest {

    @Test
    void anOptionMistakeFailsTheBuild() {
        assertThatThrownBy(() -> AbstractDlioMojo.fail(new IllegalArgumentException("accelerators must be >= 1, got 0")))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("accelerators must be >= 1, got 0");
    }

    @Test
    void uncheckedIoExceptionsAreUnwrapped() {
        assertThatThrownBy(() -> AbstractDlioMojo.fail(
                new UncheckedIOException(new DataFileException(Path.of("f.npz"), "truncated"))))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("f.npz: truncated");
        assertThatThrownBy(() -> AbstractDlioMojo.fail(new UncheckedIOException(new IOException("disk full"))))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("disk full");
    }

    @Test
    void aBugIsAnExecutionErrorThatSaysSo() {
        assertThatThrownBy(() -> AbstractDlioMojo.fail(new IllegalStateException("oops")))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("internal error: java.lang.IllegalStateException: oops (please report it)");
    }

    @Test
    void runningOutOfMemoryIsAnExecutionErrorThatNamesMavenOpts() {
        assertThatThrownBy(() -> AbstractDlioMojo.fail(new IOException(new OutOfMemoryError("Java heap space"))))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("out of memory (Java heap space): the Java heap (")
                .hasMessageContaining("MAVEN_OPTS=-Xmx4g for the plugin");
    }
}
