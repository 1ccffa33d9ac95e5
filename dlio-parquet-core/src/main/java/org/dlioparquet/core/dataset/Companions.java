package org.dlioparquet.core.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.dlioparquet.core.spi.CompanionFile;
import org.dlioparquet.core.storage.AtomicFiles;
import org.dlioparquet.core.storage.WriteStorage;

/**
 * What generation, validation and dataset deletion do with a data file's {@link CompanionFile}s:
 * write them atomically, check them against what they must hold, delete them.
 */
public final class Companions {
    private static final int CHECK_BUFFER = 64 << 10;

    private Companions() {
    }

    /** Writes each companion under its final name (atomically), creating its folder when needed. */
    public static void write(Path root, List<CompanionFile> companions, WriteStorage storage, boolean fsync)
            throws IOException {
        for (CompanionFile c : companions) {
            Path target = root.resolve(c.relativePath());
            Files.createDirectories(target.getParent());
            AtomicFiles.write(storage, target, fsync, c::write, null);
        }
    }

    /** True when every companion is on disk with its expected size (and, with {@code checksum}, its bytes). */
    public static boolean intact(Path root, List<CompanionFile> companions, boolean checksum) throws IOException {
        for (CompanionFile c : companions) {
            if (problem(root, c, checksum) != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * What is wrong with companion {@code c} on disk, or {@code null} when it is as it must be.
     *
     * @param checksum also compare its bytes with the expected ones (it is read whole)
     */
    public static String problem(Path root, CompanionFile c, boolean checksum) throws IOException {
        Path file = root.resolve(c.relativePath());
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return "missing";
        }
        if (size != c.size()) {
            return "size " + size + " bytes, expected " + c.size();
        }
        if (checksum && crcOf(file) != expectedCrc(c)) {
            return "content differs from what the data file's spec gives (the index was changed or belongs to "
                    + "another dataset)";
        }
        return null;
    }

    /**
     * Deletes the companions that exist, and the folders below {@code root} they leave empty
     * ({@code index/train}, {@code index}).
     */
    public static void delete(Path root, List<CompanionFile> companions) throws IOException {
        for (CompanionFile c : companions) {
            Path file = root.resolve(c.relativePath());
            Files.deleteIfExists(file);
            for (Path dir = file.getParent(); dir != null && dir.startsWith(root) && !dir.equals(root);
                 dir = dir.getParent()) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        break;
                    }
                } catch (NoSuchFileException e) {
                    continue;
                }
                Files.deleteIfExists(dir);
            }
        }
    }

    private static int crcOf(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocate(CHECK_BUFFER);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                crc.update(buf);
                buf.clear();
            }
        }
        return (int) crc.getValue();
    }

    private static int expectedCrc(CompanionFile c) throws IOException {
        CRC32C crc = new CRC32C();
        c.write(new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                int n = src.remaining();
                crc.update(src);
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        });
        return (int) crc.getValue();
    }
}
