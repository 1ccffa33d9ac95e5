package org.dlioparquet.core.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.dlioparquet.core.spi.ObjectReader;
import org.dlioparquet.core.spi.ObjectWriter;
import org.dlioparquet.core.spi.ReadOptions;
import org.dlioparquet.core.spi.Storage;
import org.dlioparquet.core.spi.StorageEntry;
import org.dlioparquet.core.spi.WriteMode;

/**
 * The operations of {@link java.nio.file.Files} on a {@link StorageFileSystem}, each one call of
 * the {@link Storage} seam: reads are {@link Storage#openRead} (ranged GETs on S3), listings
 * {@link Storage#list}, writes {@link Storage#create} published when the channel closes. What an
 * object store cannot do (append, lock, map, atomic rename) fails with one line naming the object.
 */
final class StorageFileSystemProvider extends FileSystemProvider {
    private static final FileTime EPOCH = FileTime.fromMillis(0);

    @Override
    public String getScheme() {
        return "dlio-storage";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("open storage with StorageFileSystem.of");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        throw new UnsupportedOperationException("open storage with StorageFileSystem.of");
    }

    @Override
    public Path getPath(URI uri) {
        throw new UnsupportedOperationException("paths of storage come from StorageFileSystem.root()");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        StoragePath p = cast(path);
        Storage storage = p.getFileSystem().storage();
        if (options.contains(StandardOpenOption.APPEND)) {
            throw new FileSystemException(p.toString(), null, "cannot append: objects are written whole");
        }
        if (!options.contains(StandardOpenOption.WRITE)) {
            OptionalLong known = p.getFileSystem().knownSize(p.location());
            ReadOptions read = known.isPresent() ? ReadOptions.defaults().withKnownSize(known.getAsLong())
                    : ReadOptions.defaults();
            StorageFileSystem fs = p.getFileSystem();
            ObjectReader reader = fs.sharedObjects().acquire(p.location(),
                    () -> fs.traffic().counted(storage.openRead(p.location(), read)));
            return new ObjectReaderChannel(reader, p.toString());
        }
        if (options.contains(StandardOpenOption.CREATE_NEW) && storage.exists(p.location())) {
            throw new FileAlreadyExistsException(p.toString());
        }
        if (!options.contains(StandardOpenOption.CREATE) && !options.contains(StandardOpenOption.CREATE_NEW)
                && !storage.exists(p.location())) {
            throw new NoSuchFileException(p.toString());
        }
        return new ObjectWriterChannel(storage.create(p.location(), WriteMode.SEQUENTIAL), p.toString());
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        StoragePath p = cast(dir);
        List<Path> entries = new ArrayList<>();
        for (StorageEntry e : p.getFileSystem().storage().list(p.location(), "")) {
            Path child = p.resolve(e.name());
            if (filter.accept(child)) {
                entries.add(child);
            }
        }
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                return entries.iterator();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        StoragePath p = cast(dir);
        p.getFileSystem().storage().createFolders(p.location());
    }

    @Override
    public void delete(Path path) throws IOException {
        StoragePath p = cast(path);
        if (p.location().isEmpty()) {
            return; // the root is a bucket or prefix, not an object: emptied, it is gone as far as it can be
        }
        if (!p.getFileSystem().storage().delete(p.location())) {
            throw new NoSuchFileException(p.toString());
        }
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        StoragePath from = cast(source);
        StoragePath to = cast(target);
        if (!Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING) && exists(to)) {
            throw new FileAlreadyExistsException(to.toString());
        }
        Storage storage = from.getFileSystem().storage();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (ObjectReader in = storage.openRead(from.location(), ReadOptions.defaults());
             ObjectWriter out = storage.create(to.location(), WriteMode.SEQUENTIAL)) {
            long position = 0;
            int n;
            while ((n = in.read(buffer.clear(), position)) > 0) {
                position += n;
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            out.publish(false);
        }
    }

    /** An object store renames by copying; never atomically. */
    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        if (Arrays.asList(options).contains(StandardCopyOption.ATOMIC_MOVE)) {
            throw new AtomicMoveNotSupportedException(source.toString(), target.toString(),
                    "object stores rename by copying");
        }
        copy(source, target, options);
        delete(source);
    }

    @Override
    public boolean isSameFile(Path path, Path path2) {
        return path.toAbsolutePath().equals(path2.toAbsolutePath());
    }

    @Override
    public boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) {
        return new StorageFileStore(cast(path).getFileSystem().storage());
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        attributes(cast(path));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        if (type != BasicFileAttributeView.class) {
            return null;
        }
        StoragePath p = cast(path);
        return (V) new BasicFileAttributeView() {
            @Override
            public String name() {
                return "basic";
            }

            @Override
            public BasicFileAttributes readAttributes() throws IOException {
                return attributes(p);
            }

            @Override
            public void setTimes(FileTime lastModified, FileTime lastAccess, FileTime create) {
                throw new UnsupportedOperationException(p + ": storage keeps no times to set");
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        if (!type.isAssignableFrom(Attributes.class)) {
            throw new UnsupportedOperationException(path + ": storage has only basic attributes");
        }
        return (A) attributes(cast(path));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        Attributes a = attributes(cast(path));
        return Map.of("size", a.size(), "isRegularFile", a.isRegularFile(), "isDirectory", a.isDirectory(),
                "isSymbolicLink", false, "isOther", false, "lastModifiedTime", EPOCH);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        throw new UnsupportedOperationException(path + ": storage keeps no attribute " + attribute);
    }

    private static boolean exists(StoragePath p) throws IOException {
        try {
            attributes(p);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * An object, else a folder (the root, or a prefix with something below it), else missing. One
     * request for an object; a folder costs a listing, which only folder checks make.
     */
    private static Attributes attributes(StoragePath p) throws IOException {
        String location = p.location();
        if (location.isEmpty()) {
            return new Attributes(0, false);
        }
        Storage storage = p.getFileSystem().storage();
        try {
            return new Attributes(storage.size(location), true);
        } catch (NoSuchFileException e) {
            if (!storage.list(location, "").isEmpty()) {
                return new Attributes(0, false);
            }
            throw new NoSuchFileException(p.toString());
        }
    }

    private static StoragePath cast(Path path) {
        if (!(path instanceof StoragePath p)) {
            throw new ProviderMismatchException(path + " is not a path of storage");
        }
        return p;
    }

    /** An object's or a folder's attributes: a size, and which of the two it is. */
    private record Attributes(long size, boolean isRegularFile) implements BasicFileAttributes {
        @Override
        public FileTime lastModifiedTime() {
            return EPOCH;
        }

        @Override
        public FileTime lastAccessTime() {
            return EPOCH;
        }

        @Override
        public FileTime creationTime() {
            return EPOCH;
        }

        @Override
        public boolean isDirectory() {
            return !isRegularFile;
        }

        @Override
        public boolean isSymbolicLink() {
            return false;
        }

        @Override
        public boolean isOther() {
            return false;
        }

        @Override
        public Object fileKey() {
            return null;
        }
    }
}
