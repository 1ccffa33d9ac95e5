package org.dlioparquet.core.storage.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket and key prefix on S3 (or an S3-compatible server): locations are keys below the prefix.
 * Views made by {@link #folder} share the client; only the storage the provider opened closes it.
 */
final class S3Storage implements Storage {
    private final S3Connection connection;
    private final String bucket;
    /** Key prefix without a trailing '/'; empty for the whole bucket. */
    private final String prefix;
    private final boolean owner;

    private S3Storage(S3Connection connection, String bucket, String prefix, boolean owner) {
        this.connection = connection;
        this.bucket = bucket;
        this.prefix = prefix;
        this.owner = owner;
    }

    /** The arrays this storage's GETs reuse (for tests). */
    PartBuffers partBuffers() {
        return connection.partBuffers;
    }

    /** Opens {@code s3://bucket/prefix}; no request is made until the first use. */
    static S3Storage open(S3Settings settings, URI root) {
        String bucket = root.getHost() != null ? root.getHost() : root.getAuthority();
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException(root + ": an S3 URI needs a bucket (s3://bucket/prefix)");
        }
        String path = root.getPath() == null ? "" : root.getPath();
        return new S3Storage(new S3Connection(settings), bucket, trim(path), true);
    }

    private static String trim(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    String key(String location) {
        String l = trim(location);
        return prefix.isEmpty() ? l : l.isEmpty() ? prefix : prefix + "/" + l;
    }

    /** HTTP requests this storage's client has sent, every attempt counted. */
    long httpRequests() {
        return connection.httpRequests();
    }

    @Override
    public String name() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    @Override
    public String name(String location) {
        return "s3://" + bucket + "/" + key(location);
    }

    @Override
    public Storage folder(String folder) {
        return new S3Storage(connection, bucket, key(folder), false);
    }

    @Override
    public List<StorageEntry> list(String folder, String namePrefix) throws IOException {
        String dir = key(folder);
        String keyPrefix = (dir.isEmpty() ? "" : dir + "/") + namePrefix;
        List<StorageEntry> entries = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : connection.client.listObjectsV2Paginator(l -> l.bucket(bucket)
                    .prefix(keyPrefix).delimiter("/").maxKeys(connection.settings.listPageSize()))) {
                for (S3Object o : page.contents()) {
                    entries.add(new StorageEntry(o.key().substring(keyPrefix.length() - namePrefix.length()), o.size(),
                            false));
                }
                for (CommonPrefix p : page.commonPrefixes()) {
                    String sub = p.prefix().substring(keyPrefix.length() - namePrefix.length());
                    entries.add(new StorageEntry(trim(sub), 0, true));
                }
            }
        } catch (SdkException e) {
            throw connection.errors.translate(name(folder), bucket, "LIST", e);
        }
        entries.sort(Comparator.comparing(StorageEntry::name));
        return entries;
    }

    @Override
    public long size(String location) throws IOException {
        try {
            return connection.client.headObject(h -> h.bucket(bucket).key(key(location))).contentLength();
        } catch (SdkException e) {
            throw connection.errors.translate(name(location), bucket, "HEAD", e);
        }
    }

    @Override
    public boolean exists(String location) throws IOException {
        try {
            size(location);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** One HEAD for the size unless the caller knows it (the manifest); reads are ranged GETs. */
    @Override
    public ObjectReader openRead(String location, ReadOptions options) throws IOException {
        long known = options.knownSize();
        long size = known >= 0 ? known : size(location);
        return new S3ObjectReader(connection, bucket, key(location), name(location), size, known >= 0 ? 0 : 1);
    }

    @Override
    public ObjectWriter create(String location, WriteMode mode) throws IOException {
        String key = key(location);
        return mode == WriteMode.SEEKABLE ? new S3SpooledWriter(connection, bucket, key, name(location))
                : new S3StreamingWriter(connection, bucket, key, name(location));
    }

    /** Keys need no folders. */
    @Override
    public void createFolders(String folder) {
    }

    @Override
    public boolean delete(String location) throws IOException {
        if (!exists(location)) {
            return false;
        }
        try {
            connection.client.deleteObject(d -> d.bucket(bucket).key(key(location)));
            return true;
        } catch (SdkException e) {
            throw connection.errors.translate(name(location), bucket, "DELETE", e);
        }
    }

    /** An object store does not say. */
    @Override
    public OptionalLong usableSpace() {
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        if (owner) {
            connection.close();
        }
    }

    @Override
    public String toString() {
        return "S3Storage[" + name() + ", " + connection.settings + "]";
    }
}
