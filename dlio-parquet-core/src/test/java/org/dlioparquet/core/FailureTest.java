package org.dlioparquet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.dlioparquet.core.config.ConfigException;
import org.junit.jupiter.api.Test;

class FailureTest {

    @Test
    void workloadAndOptionMistakesAreConfig() {
        Failure config = Dlio.classify(new ConfigException("reader.batch_size", "expected an integer >= 1, got 0"));
        assertThat(config.kind()).isEqualTo(Failure.Kind.CONFIG);
        assertThat(config.message()).isEqualTo("reader.batch_size: expected an integer >= 1, got 0");

        Failure option = Dlio.classify(new IllegalArgumentException("accelerators must be >= 1, got 0"));
        assertThat(option.kind()).isEqualTo(Failure.Kind.CONFIG);
        assertThat(option.message()).isEqualTo("accelerators must be >= 1, got 0");

        assertThat(Dlio.classify(new DlioException("format 'x' is claimed by two providers")).kind())
                .isEqualTo(Failure.Kind.CONFIG);
    }

    @Test
    void dataFileProblemsAreDataEvenInsideAnUncheckedIoException() {
        DataFileException bad = new DataFileException(Path.of("a.npz"), "truncated");

        Failure f = Dlio.classify(new UncheckedIOException(bad));

        assertThat(f.kind()).isEqualTo(Failure.Kind.DATA);
        assertThat(f.message()).isEqualTo("a.npz: truncated");
        assertThat(f.cause()).isSameAs(bad);
    }

    @Test
    void otherIoFailuresAreIoWithAReadableLine() {
        assertThat(Dlio.classify(new UncheckedIOException(new IOException("No space left on device"))))
                .extracting(Failure::kind, Failure::message)
                .containsExactly(Failure.Kind.IO, "No space left on device");
        assertThat(Dlio.classify(new NoSuchFileException("/x/y")).message()).isEqualTo("/x/y: no such file");
        assertThat(Dlio.classify(new AccessDeniedException("/x/y")).message()).isEqualTo("/x/y: permission denied");
    }

    @Test
    void anIoExceptionWithoutAMessageIsNamedNotNull() {
        Failure f = Dlio.classify(new EOFException());

        assertThat(f.kind()).isEqualTo(Failure.Kind.IO);
        assertThat(f.message()).isEqualTo("I/O error (EOFException)");
    }

    @Test
    void anythingElseIsInternalAndKeepsTheExceptionForTheReport() {
        Failure f = Dlio.classify(new IllegalStateException("oops"));

        assertThat(f.kind()).isEqualTo(Failure.Kind.INTERNAL);
        assertThat(f.message()).isEqualTo("java.lang.IllegalStateException: oops");
    }

    @Test
    void runningOutOfMemoryIsItsOwnKindWhereverItWasWrapped() {
        // a reader thread's OutOfMemoryError reaches the caller inside an IOException
        Failure f = Dlio.classify(new IOException(new OutOfMemoryError("Java heap space")));

        assertThat(f.kind()).isEqualTo(Failure.Kind.MEMORY);
        assertThat(f.message()).startsWith("out of memory (Java heap space): the Java heap (")
                .contains(") is too small for this workload; give the JVM more (-Xmx, e.g. DLIO_JAVA_OPTS=-Xmx4g "
                        + "for the command line, MAVEN_OPTS=-Xmx4g for the plugin)");
        assertThat(Dlio.classify(new OutOfMemoryError("Direct buffer memory")).message()).isEqualTo(
                "out of memory (Direct buffer memory): raise the JVM's direct memory (-XX:MaxDirectMemorySize=..., "
                        + "e.g. DLIO_JAVA_OPTS=-XX:MaxDirectMemorySize=4g for the command line, MAVEN_OPTS for the "
                        + "plugin), or lower reader.read_threads or reader.transfer_size");
    }
}
