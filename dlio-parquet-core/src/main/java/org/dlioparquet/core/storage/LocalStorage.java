package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import org.dlioparquet.core.spi.ObjectReader;
import org.dlioparquet.core.spi.ObjectWriter;
import org.dlioparquet.core.spi.ReadOptions;
import org.dlioparquet.core.spi.Storage;
import org.dlioparquet.core.spi.StorageEntry;
import org.dlioparquet.core.spi.WriteMode;

/**
 * The local file system below one folder: reads through {@link ReadChannels} (plain or O_DIRECT),
 * writes through {@link WriteStorage} under a temporary name renamed on publish. Locations are
 * resolved as relative paths; names in messages are plain paths, as before the seam.
 */
public final class LocalStorage implements Storage {
    private final Path root;
    private final WriteStorage writes;

    public LocalStorage(Path root) {
        this(root, WriteStorage.LOCAL);
    }

    /** @param writes how files are created; tests pass one that fails like a full disk */
    public LocalStorage(Path root, WriteStorage writes) {
        this.root = root.toAbsolutePath().normalize();
        this.writes = writes;
    }

    /** The folder this storage is rooted at. */
    public Path root() {
        return root;
    }

    /** The path of a location. */
    public Path path(String location) {
        return location.isEmpty() ? root : root.resolve(location);
    }

    @Override
    public String name() {
        return root.toString();
    }

    @Override
    public String name(String location) {
        return path(location).toString();
    }

    @Override
    public Storage folder(String folder) {
        return new LocalStorage(path(folder), writes);
    }

    @Override
    public List<StorageEntry> list(String folder, String prefix) throws IOException {
        List<StorageEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(path(folder))) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (!name.startsWith(prefix)) {
                    continue;
                }
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                entries.add(new StorageEntry(name, a.isDirectory() ? 0 : a.size(), a.isDirectory()));
            }
        }
        entries.sort(Comparator.comparing(StorageEntry::name));
        return entries;
    }

    @Override
    public long size(String location) throws IOException {
        Path p = path(location);
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        if (a.isDirectory()) {
            throw new NoSuchFileException(p.toString(), null, "is a folder, not a file"); // the seam sizes objects only
        }
        return a.size();
    }

    @Override
    public boolean exists(String location) {
        return Files.isRegularFile(path(location));
    }

    @Override
    public ObjectReader openRead(String location, ReadOptions options) throws IOException {
        return new LocalObjectReader(ReadChannels.open(path(location), options.odirect()));
    }

    /** Both modes are the same here: a local file can always seek back. */
    @Override
    public ObjectWriter create(String location, WriteMode mode) throws IOException {
        return LocalObjectWriter.create(writes, path(location));
    }

    @Override
    public void createFolders(String folder) throws IOException {
        Files.createDirectories(path(folder));
    }

    @Override
    public boolean delete(String location) throws IOException {
        return Files.deleteIfExists(path(location));
    }

    /** Usable space of the file system that holds the root, or its nearest existing parent. */
    @Override
    public OptionalLong usableSpace() throws IOException {
        Path p = root;
        while (p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new NoSuchFileException(root.toString());
        }
        return OptionalLong.of(Files.getFileStore(p).getUsableSpace());
    }

    @Override
    public void close() {
        // no connections to release
    }

    @Override
    public String toString() {
        return "LocalStorage[" + root + "]";
    }
}
