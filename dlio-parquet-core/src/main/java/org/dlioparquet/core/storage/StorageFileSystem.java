package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.dlioparquet.core.spi.ObjectWriter;
import org.dlioparquet.core.spi.ReadOptions;
import org.dlioparquet.core.spi.Storage;
import org.dlioparquet.core.spi.WriteMode;

/**
 * A {@link Storage} (an S3 bucket and prefix, a Hadoop file system folder) as a
 * {@link java.nio.file.FileSystem}, so that every part of dlio-parquet written against
 * {@link Path}s (generation, manifests, validation, format readers, runs) reads and writes it
 * through the storage seam unchanged. The root path is the storage's root. It is not installed
 * as a provider: its paths come from {@link #root()}, never from {@code Path.of(URI)}, so it works
 * in any class loader (a Maven plugin's).
 */
public final class StorageFileSystem extends FileSystem {
    private final StorageFileSystemProvider provider = new StorageFileSystemProvider();
    private final StorageTraffic traffic = new StorageTraffic();
    private final SharedObjects sharedObjects = new SharedObjects();
    private final Storage storage;
    private volatile boolean open = true;
    /** Sizes known without asking the storage (a manifest's), by location; saves a HEAD per object opened. */
    private volatile Function<String, OptionalLong> knownSizes = location -> OptionalLong.empty();

    private StorageFileSystem(Storage storage) {
        this.storage = storage;
    }

    /** A file system over {@code storage}; closing it closes the storage. */
    public static StorageFileSystem of(Storage storage) {
        return new StorageFileSystem(storage);
    }

    /** The storage's root as a path. */
    public Path root() {
        return getPath("/");
    }

    /** What reading through this file system has cost the storage. */
    public StorageTraffic traffic() {
        return traffic;
    }

    public Storage storage() {
        return storage;
    }

    /**
     * Tells the file system of {@code root} the sizes of objects below it that a record (the
     * manifest) already holds, so that opening them costs no request for their size. Paths of the
     * local file system are left alone.
     *
     * @param sizes from a location below {@code root} to its size, empty when unknown
     */
    public static void knowSizes(Path root, Function<String, OptionalLong> sizes) {
        if (root instanceof StoragePath p) {
            String prefix = p.location().isEmpty() ? "" : p.location() + "/";
            p.getFileSystem().knownSizes = location -> location.startsWith(prefix)
                    ? sizes.apply(location.substring(prefix.length())) : OptionalLong.empty();
        }
    }

    /** The readers of objects open now, shared by the threads reading them. */
    SharedObjects sharedObjects() {
        return sharedObjects;
    }

    OptionalLong knownSize(String location) {
        return knownSizes.apply(location);
    }

    /** The traffic of the storage {@code path} lies on; empty for a local path, whose reads the readers count. */
    public static Optional<StorageTraffic> trafficOf(Path path) {
        return path instanceof StoragePath p ? Optional.of(p.getFileSystem().traffic) : Optional.empty();
    }

    /** Whether {@code path} lies on a storage reached through this seam rather than the local file system. */
    public static boolean isStoragePath(Path path) {
        return path instanceof StoragePath;
    }

    /**
     * Opens the object at {@code path} ahead of the reader that will open it soon (its batch is
     * queued), so that its first bytes are fetched meanwhile: the whole object when {@code whole}
     * (the format reads whole files) and the memory for it is free, else its end; the reader takes
     * it over. Only an object whose size a manifest gave (opening costs no request on this thread);
     * nothing for a local path.
     *
     * @return false when as many objects as may be are held ahead already: nothing was done, ask again
     *         once readers have taken some over
     */
    public static boolean openAhead(Path path, boolean whole) {
        if (path instanceof StoragePath p) {
            StorageFileSystem fs = p.getFileSystem();
            OptionalLong size = fs.knownSize(p.location());
            if (size.isPresent()) {
                return fs.sharedObjects.warm(p.location(), () -> fs.traffic.counted(fs.storage.openRead(p.location(),
                        ReadOptions.defaults().withKnownSize(size.getAsLong()))), whole);
            }
        }
        return true;
    }

    /** Lets go of the objects opened ahead whose readers never came (an epoch cut short); local paths have none. */
    public static void releaseOpenedAhead(Path path) {
        if (path instanceof StoragePath p) {
            p.getFileSystem().sharedObjects.releaseWarm();
        }
    }

    /**
     * Starts the object at {@code path}, a path of storage: nothing appears under its name until
     * {@link ObjectWriter#publish}, and closing it unpublished discards it (aborts the upload). A
     * {@link WriteMode#SEQUENTIAL} one streams out as it is written (multipart on S3).
     *
     * @throws IllegalArgumentException when {@code path} lies on the local file system
     */
    public static ObjectWriter createObject(Path path, WriteMode mode) throws IOException {
        if (!(path instanceof StoragePath p)) {
            throw new IllegalArgumentException(path + " is not a path of storage");
        }
        return p.getFileSystem().storage().create(p.location(), mode);
    }

    @Override
    public StorageFileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() throws IOException {
        open = false;
        sharedObjects.releaseWarm();
        storage.close();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(root());
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of(new StorageFileStore(storage));
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic");
    }

    @Override
    public Path getPath(String first, String... more) {
        StringBuilder text = new StringBuilder(first);
        for (String m : more) {
            text.append('/').append(m);
        }
        return StoragePath.parse(this, text.toString());
    }

    /** Globs and regular expressions on the file name, as the local file system matches them. */
    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher local = FileSystems.getDefault().getPathMatcher(syntaxAndPattern);
        return p -> local.matches(Path.of(p.toString()));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException(storage.name() + ": storage has no users");
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException(storage.name() + ": storage cannot be watched");
    }
}
