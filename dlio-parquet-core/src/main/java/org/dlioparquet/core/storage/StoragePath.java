package org.dlioparquet.core.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A path in a {@link StorageFileSystem}: '/'-separated names below the storage's root. An absolute
 * path prints as the storage's name for it ({@code s3://bucket/prefix/train/img_0_of_8.npz}), so
 * every message that names a file names the object.
 */
final class StoragePath implements Path {
    private final StorageFileSystem fs;
    private final boolean absolute;
    private final String[] names;

    StoragePath(StorageFileSystem fs, boolean absolute, String[] names) {
        this.fs = fs;
        this.absolute = absolute;
        this.names = names;
    }

    /** Parses {@code text}: a leading '/' makes it absolute; empty names and "." are dropped. */
    static StoragePath parse(StorageFileSystem fs, String text) {
        List<String> parts = new ArrayList<>();
        for (String p : text.split("/")) {
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return new StoragePath(fs, text.startsWith("/"), parts.toArray(String[]::new));
    }

    /** The location below the storage's root, as {@link org.dlioparquet.core.spi.Storage} names it. */
    String location() {
        return String.join("/", names);
    }

    @Override
    public StorageFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return absolute;
    }

    @Override
    public Path getRoot() {
        return absolute ? new StoragePath(fs, true, new String[0]) : null;
    }

    @Override
    public Path getFileName() {
        return names.length == 0 ? null : new StoragePath(fs, false, new String[] {names[names.length - 1]});
    }

    @Override
    public Path getParent() {
        if (names.length == 0 || (!absolute && names.length == 1)) {
            return null;
        }
        return new StoragePath(fs, absolute, Arrays.copyOf(names, names.length - 1));
    }

    @Override
    public int getNameCount() {
        return names.length;
    }

    @Override
    public Path getName(int index) {
        return new StoragePath(fs, false, new String[] {names[index]});
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return new StoragePath(fs, false, Arrays.copyOfRange(names, beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        StoragePath o = cast(other);
        if (o.absolute != absolute || o.names.length > names.length) {
            return false;
        }
        for (int i = 0; i < o.names.length; i++) {
            if (!o.names[i].equals(names[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean endsWith(Path other) {
        StoragePath o = cast(other);
        if ((o.absolute && !absolute) || o.names.length > names.length) {
            return false;
        }
        int offset = names.length - o.names.length;
        for (int i = 0; i < o.names.length; i++) {
            if (!o.names[i].equals(names[offset + i])) {
                return false;
            }
        }
        return !o.absolute || o.names.length == names.length;
    }

    @Override
    public Path normalize() {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                out.remove(out.size() - 1);
            } else if (!(n.equals("..") && absolute)) {
                out.add(n);
            }
        }
        return new StoragePath(fs, absolute, out.toArray(String[]::new));
    }

    @Override
    public Path resolve(Path other) {
        StoragePath o = cast(other);
        if (o.absolute) {
            return o;
        }
        String[] joined = Arrays.copyOf(names, names.length + o.names.length);
        System.arraycopy(o.names, 0, joined, names.length, o.names.length);
        return new StoragePath(fs, absolute, joined);
    }

    @Override
    public Path relativize(Path other) {
        StoragePath o = cast(other);
        if (o.absolute != absolute || !o.startsWith(this)) {
            throw new IllegalArgumentException(other + " is not below " + this);
        }
        return new StoragePath(fs, false, Arrays.copyOfRange(o.names, names.length, o.names.length));
    }

    @Override
    public URI toUri() {
        return URI.create(toAbsolutePath().toString());
    }

    @Override
    public Path toAbsolutePath() {
        return absolute ? this : new StoragePath(fs, true, names);
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return toAbsolutePath();
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException(this + ": storage cannot be watched");
    }

    @Override
    public int compareTo(Path other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoragePath p && p.fs == fs && p.absolute == absolute && Arrays.equals(p.names, names);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(names) * 31 + (absolute ? 1 : 0);
    }

    @Override
    public String toString() {
        if (!absolute) {
            return location();
        }
        return names.length == 0 ? fs.storage().name() : fs.storage().name(location());
    }

    private StoragePath cast(Path other) {
        if (!(other instanceof StoragePath p) || p.fs != fs) {
            throw new ProviderMismatchException(other + " is not a path of " + fs.storage().name());
        }
        return p;
    }
}
