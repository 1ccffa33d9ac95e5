package org.dlioparquet.core.storage.hadoop;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.dlioparquet.core.spi.ObjectReader;
import org.dlioparquet.core.spi.ObjectWriter;
import org.dlioparquet.core.spi.ReadOptions;
import org.dlioparquet.core.spi.Storage;
import org.dlioparquet.core.spi.StorageEntry;
import org.dlioparquet.core.spi.WriteMode;
import org.dlioparquet.core.storage.AtomicFiles;

/**
 * A folder on a Hadoop file system. Files are written under the same temporary name as local ones
 * ({@code .<name>.partial}) and renamed on publish; the storage owns a private FileSystem instance
 * (not Hadoop's shared cache), closed with it.
 */
final class HadoopStorage implements Storage {
    private final FileSystem fs;
    private final Path root;
    private final boolean owner;

    private HadoopStorage(FileSystem fs, Path root, boolean owner) {
        this.fs = fs;
        this.root = root;
        this.owner = owner;
    }

    static HadoopStorage open(Configuration conf, URI root) throws IOException {
        try {
            FileSystem fs = FileSystem.newInstance(root, conf);
            return new HadoopStorage(fs, fs.makeQualified(new Path(root)), true);
        } catch (IOException e) {
            throw HadoopErrors.translate(root.toString(), "connect", e);
        }
    }

    Path path(String location) {
        return location.isEmpty() ? root : new Path(root, location);
    }

    FileSystem fileSystem() {
        return fs;
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
        return new HadoopStorage(fs, path(folder), false);
    }

    @Override
    public List<StorageEntry> list(String folder, String prefix) throws IOException {
        List<StorageEntry> entries = new ArrayList<>();
        try {
            for (FileStatus s : fs.listStatus(path(folder))) {
                String n = s.getPath().getName();
                if (n.startsWith(prefix)) {
                    entries.add(new StorageEntry(n, s.isDirectory() ? 0 : s.getLen(), s.isDirectory()));
                }
            }
        } catch (IOException e) {
            throw HadoopErrors.translate(name(folder), "list", e);
        }
        entries.sort(Comparator.comparing(StorageEntry::name));
        return entries;
    }

    @Override
    public long size(String location) throws IOException {
        try {
            FileStatus status = fs.getFileStatus(path(location));
            if (status.isDirectory()) {
                throw new NoSuchFileException(name(location), null, "is a folder, not a file");
            }
            return status.getLen();
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw HadoopErrors.translate(name(location), "stat", e);
        }
    }

    @Override
    public boolean exists(String location) throws IOException {
        try {
            return fs.getFileStatus(path(location)).isFile();
        } catch (FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw HadoopErrors.translate(name(location), "stat", e);
        }
    }

    @Override
    public ObjectReader openRead(String location, ReadOptions options) throws IOException {
        long size = options.knownSize() >= 0 ? options.knownSize() : size(location);
        try {
            FSDataInputStream in = fs.open(path(location));
            return new HadoopObjectReader(in, name(location), size);
        } catch (IOException e) {
            throw HadoopErrors.translate(name(location), "open", e);
        }
    }

    @Override
    public ObjectWriter create(String location, WriteMode mode) throws IOException {
        Path target = path(location);
        Path partial = new Path(target.getParent(), "." + target.getName() + AtomicFiles.PARTIAL_SUFFIX);
        if (mode == WriteMode.SEEKABLE) {
            return new HadoopSpooledWriter(this, partial, target);
        }
        try {
            FSDataOutputStream out = fs.create(partial, true);
            return new HadoopStreamWriter(this, out, partial, target);
        } catch (IOException e) {
            throw HadoopErrors.translate(target.toString(), "create", e);
        }
    }

    /** Renames a complete temporary file over its final name (replacing an older one). */
    void publish(Path partial, Path target) throws IOException {
        try {
            if (!fs.rename(partial, target)) {
                if (fs.exists(target) && fs.delete(target, false) && fs.rename(partial, target)) {
                    return;
                }
                throw new IOException("rename from " + partial.getName() + " refused");
            }
        } catch (IOException e) {
            throw HadoopErrors.translate(target.toString(), "publish", e);
        }
    }

    /** Removes a temporary file that will never be published; a failure here hides nothing more important. */
    void discard(Path partial) {
        try {
            fs.delete(partial, false);
        } catch (IOException e) {
            // the temporary name matches no listing; a later generation removes it
        }
    }

    @Override
    public void createFolders(String folder) throws IOException {
        try {
            fs.mkdirs(path(folder));
        } catch (IOException e) {
            throw HadoopErrors.translate(name(folder), "mkdirs", e);
        }
    }

    @Override
    public boolean delete(String location) throws IOException {
        try {
            return fs.delete(path(location), false);
        } catch (IOException e) {
            throw HadoopErrors.translate(name(location), "delete", e);
        }
    }

    @Override
    public OptionalLong usableSpace() throws IOException {
        try {
            return OptionalLong.of(fs.getStatus(root).getRemaining());
        } catch (IOException | UnsupportedOperationException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() throws IOException {
        if (owner) {
            fs.close();
        }
    }

    @Override
    public String toString() {
        return "HadoopStorage[" + root + "]";
    }
}
