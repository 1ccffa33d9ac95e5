package org.dlioparquet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage seam as a {@code java.nio.file} file system, over the local back-end (S3 and HDFS
 * run the same code in S3WorkloadsTest and HadoopStorageTest): paths name objects as the storage
 * does, and {@link Files} reads, writes, lists and deletes through the seam.
 */
class StorageFileSystemTest {
    @TempDir
    Path dir;

    @Test
    void pathsAreNamesBelowTheStoragesRoot() throws IOException {
        try (StorageFileSystem fs = StorageFileSystem.of(new LocalStorage(dir))) {
            Path root = fs.root();
            Path file = root.resolve("train/0").resolve("img_1_of_8.npz");
            assertThat(root).hasToString(dir.toString());
            assertThat(file).hasToString(dir.resolve("train/0/img_1_of_8.npz").toString());
            assertThat(file.getFileName()).hasToString("img_1_of_8.npz");
            assertThat(file.getParent()).isEqualTo(root.resolve("train/0"));
            assertThat(root.relativize(file)).hasToString("train/0/img_1_of_8.npz");
            assertThat(file.startsWith(root.resolve("train"))).isTrue();
            assertThat(file.startsWith(root.resolve("valid"))).isFalse();
            assertThat(file.resolveSibling(".x.partial")).isEqualTo(root.resolve("train/0/.x.partial"));
            assertThat(root.resolve("a/./b/../c").normalize()).isEqualTo(root.resolve("a/c"));
            assertThat(root.getParent()).isNull();
            assertThat(root.resolve("train").getNameCount()).isEqualTo(1);
        }
    }

    @Test
    void filesReadsWritesListsAndDeletesThroughTheStorage() throws IOException {
        try (StorageFileSystem fs = StorageFileSystem.of(new LocalStorage(dir))) {
            Path file = fs.root().resolve("train/a.bin");
            Files.createDirectories(file.getParent());
            try (SeekableByteChannel out = Files.newByteChannel(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap("hello storage".getBytes(StandardCharsets.US_ASCII)));
            }
            assertThat(dir.resolve("train/a.bin")).hasContent("hello storage");
            assertThat(Files.size(file)).isEqualTo(13);
            assertThat(Files.isRegularFile(file)).isTrue();
            assertThat(Files.isDirectory(file.getParent())).isTrue();
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.allocate(7);
                in.read(b, 6);
                assertThat(new String(b.array(), StandardCharsets.US_ASCII)).isEqualTo("storage");
            }
            assertThat(fs.traffic().objectsOpened()).isEqualTo(1);
            assertThat(fs.traffic().bytesFetched()).isPositive();
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> list = Files.newDirectoryStream(file.getParent(), "*.bin")) {
                list.forEach(p -> names.add(p.getFileName().toString()));
            }
            assertThat(names).containsExactly("a.bin");
            assertThatThrownBy(() -> Files.newByteChannel(file, StandardOpenOption.APPEND))
                    .isInstanceOf(FileSystemException.class).hasMessageContaining(file.toString())
                    .hasMessageContaining("cannot append");
            Files.delete(file);
            assertThat(Files.exists(file)).isFalse();
            assertThatThrownBy(() -> Files.size(file)).isInstanceOf(NoSuchFileException.class)
                    .hasMessage(file.toString());
        }
    }

    @Test
    void atomicFilesPublishWholeOrNothingOnStorage() throws IOException {
        try (StorageFileSystem fs = StorageFileSystem.of(new LocalStorage(dir))) {
            Path target = fs.root().resolve("m.json");
            assertThatThrownBy(() -> AtomicFiles.write(target, false, ch -> {
                ch.write(ByteBuffer.wrap(new byte[100]));
                throw new IOException("disk on fire");
            })).hasMessageContaining("disk on fire");
            assertThat(Files.exists(target)).as("a failed write leaves nothing under the name").isFalse();
            AtomicFiles.writeBytes(target, "{}".getBytes(StandardCharsets.US_ASCII));
            assertThat(dir.resolve("m.json")).hasContent("{}");
        }
    }

    /**
     * Reader threads that have one object open at once share one reader, so what one fetched
     * serves the other (DLIO's threads read halves of a file side by side); it closes with its
     * last user, and a later open is a new one.
     */
    @Test
    void threadsReadingOneObjectAtOnceShareItsReader() throws IOException {
        Files.writeString(dir.resolve("a.bin"), "shared bytes");
        try (StorageFileSystem fs = StorageFileSystem.of(new LocalStorage(dir))) {
            Path file = fs.root().resolve("a.bin");
            FileChannel first = FileChannel.open(file, StandardOpenOption.READ);
            FileChannel second = FileChannel.open(file, StandardOpenOption.READ);
            assertThat(fs.sharedObjects().openObjects()).isEqualTo(1);
            assertThat(fs.traffic().objectsOpened()).isEqualTo(1);
            first.close();
            first.close();
            ByteBuffer b = ByteBuffer.allocate(6);
            assertThat(second.read(b, 0)).as("the other user still reads").isEqualTo(6);
            assertThat(new String(b.array(), StandardCharsets.US_ASCII)).isEqualTo("shared");
            assertThat(fs.traffic().bytesFetched()).as("counted when the last user closes").isZero();
            second.close();
            assertThat(fs.sharedObjects().openObjects()).isZero();
            assertThat(fs.traffic().bytesFetched()).isEqualTo(6);
            try (FileChannel again = FileChannel.open(file, StandardOpenOption.READ)) {
                assertThat(fs.traffic().objectsOpened()).isEqualTo(2);
            }
        }
    }

    /**
     * An object opened ahead (its batch is queued) is the one its reader then opens, counted once;
     * only objects whose size a manifest gave are opened ahead; those never taken over are let go.
     */
    @Test
    void objectsOpenedAheadAreTakenOverByTheirReaderOrLetGo() throws IOException {
        Files.writeString(dir.resolve("a.bin"), "ahead");
        Files.writeString(dir.resolve("b.bin"), "never read");
        Files.writeString(dir.resolve("c.bin"), "size unknown");
        try (StorageFileSystem fs = StorageFileSystem.of(new LocalStorage(dir))) {
            StorageFileSystem.knowSizes(fs.root(), location -> location.equals("c.bin") ? OptionalLong.empty()
                    : OptionalLong.of(location.equals("a.bin") ? 5 : 10));
            StorageFileSystem.openAhead(fs.root().resolve("a.bin"), true);
            StorageFileSystem.openAhead(fs.root().resolve("a.bin"), true);
            StorageFileSystem.openAhead(fs.root().resolve("b.bin"), true);
            StorageFileSystem.openAhead(fs.root().resolve("c.bin"), true);
            assertThat(fs.sharedObjects().warmObjects()).as("a and b, once each; c's size is unknown").isEqualTo(2);
            try (FileChannel a = FileChannel.open(fs.root().resolve("a.bin"), StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.allocate(5);
                assertThat(a.read(b, 0)).isEqualTo(5);
                assertThat(fs.sharedObjects().warmObjects()).isEqualTo(1);
                assertThat(fs.traffic().objectsOpened()).isEqualTo(2);
            }
            assertThat(fs.sharedObjects().openObjects()).as("b, held ahead").isEqualTo(1);
            StorageFileSystem.releaseOpenedAhead(fs.root());
            assertThat(fs.sharedObjects().openObjects()).isZero();
            assertThat(fs.sharedObjects().warmObjects()).isZero();
        }
    }
}
