package org.dlioparquet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.dlioparquet.core.config.StorageConfig;
import org.dlioparquet.core.config.StorageType;
import org.dlioparquet.core.spi.ObjectReader;
import org.dlioparquet.core.spi.ObjectWriter;
import org.dlioparquet.core.spi.ReadOptions;
import org.dlioparquet.core.spi.Storage;
import org.dlioparquet.core.spi.StorageEntry;
import org.dlioparquet.core.spi.StorageRegistry;
import org.dlioparquet.core.spi.WriteMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default back-end: today's local files behind the seam. */
class LocalStorageTest {
    @TempDir
    Path dir;

    private Storage open() throws IOException {
        return StorageRegistry.loadDefault().open(new StorageConfig(StorageType.LOCAL_FS, "./", Map.of()), dir, "data");
    }

    @Test
    void publishRenamesIntoPlaceAndReadsAreCounted() throws IOException {
        try (Storage s = open()) {
            assertThat(s.name()).isEqualTo(dir.resolve("data").toString());
            s.createFolders("train");
            try (ObjectWriter w = s.create("train/a.npz", WriteMode.SEEKABLE)) {
                w.write(ByteBuffer.wrap("xxxxhello".getBytes()));
                w.position(0);
                w.write(ByteBuffer.wrap("ZIP!".getBytes()));
                assertThat(dir.resolve("data/train/.a.npz.partial")).exists();
                assertThat(s.exists("train/a.npz")).isFalse();
                try (ObjectReader back = w.readBack()) {
                    assertThat(back.size()).isEqualTo(9);
                }
                assertThat(w.publish(true)).isEqualTo(9);
            }
            assertThat(Files.readString(dir.resolve("data/train/a.npz"))).isEqualTo("ZIP!hello");
            assertThat(dir.resolve("data/train/.a.npz.partial")).doesNotExist();
            assertThat(s.list("train", "")).containsExactly(new StorageEntry("a.npz", 9, false));
            try (ObjectReader r = s.openRead("train/a.npz", ReadOptions.defaults())) {
                FileChannel ch = r.asFileChannel();
                ByteBuffer b = ByteBuffer.allocate(5);
                ch.read(b, 4);
                assertThat(new String(b.array())).isEqualTo("hello");
                assertThat(r.read(ByteBuffer.allocate(4), 0)).isEqualTo(4);
                assertThat(r.bytesFetched()).isEqualTo(9);
                assertThat(r.requests()).isEqualTo(2);
            }
            assertThat(s.usableSpace().orElseThrow()).isPositive();
            assertThat(s.folder("train").delete("a.npz")).isTrue();
            assertThatThrownBy(() -> s.size("train/a.npz")).isInstanceOf(NoSuchFileException.class)
                    .hasMessage(dir.resolve("data/train/a.npz").toString());
        }
    }

    @Test
    void closingUnpublishedLeavesNothing() throws IOException {
        try (Storage s = open()) {
            s.createFolders("");
            try (ObjectWriter w = s.create("b.parquet", WriteMode.SEQUENTIAL)) {
                w.write(ByteBuffer.wrap(new byte[100]));
            }
            assertThat(s.list("", "")).isEmpty();
        }
    }
}
