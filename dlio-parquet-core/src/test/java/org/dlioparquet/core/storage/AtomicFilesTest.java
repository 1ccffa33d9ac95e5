package org.dlioparquet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeBytesReplacesTheTargetAndLeavesNoTemporary() throws IOException {
        Path target = dir.resolve("summary.json");
        Files.writeString(target, "old");

        AtomicFiles.writeBytes(target, "{\"new\": true}".getBytes());

        assertThat(target).hasContent("{\"new\": true}");
        assertThat(dir.toFile().list()).containsExactly("summary.json");
    }

    @Test
    void aFailingWriterKeepsTheOldFileAndRemovesTheTemporary() throws IOException {
        Path target = dir.resolve("dlio-parquet-manifest.json");
        Files.writeString(target, "complete old manifest");

        assertThatThrownBy(() -> AtomicFiles.write(target, false, ch -> {
            ch.write(ByteBuffer.wrap("half of a new".getBytes()));
            throw new IOException("No space left on device");
        })).hasMessage(target + ": No space left on device");

        assertThat(target).hasContent("complete old manifest");
        assertThat(AtomicFiles.partialPath(target)).doesNotExist();
    }
}
