package org.dlioparquet.core.spi;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

/**
 * Where bytes live, seen from one root: a local folder, an S3 bucket and key prefix, a Hadoop
 * file system path. A <em>location</em> is a '/'-separated relative name below the root
 * ({@code train/img_0_of_8.npz}); the empty string is the root itself. Implementations are
 * thread-safe: reader and generator threads share one.
 *
 * <p>Failures are {@link IOException}s whose message is one line naming the location
 * ({@link #name(String)}) and what failed; a missing object is a
 * {@link java.nio.file.NoSuchFileException} whose file is that name. No message holds a secret.
 */
public interface Storage extends Closeable {
    /** The root for messages: {@code /data/unet3d}, {@code s3://bucket/prefix}, {@code hdfs://nn:8020/data}. */
    String name();

    /** A location's name for messages: {@code s3://bucket/prefix/train/img_0_of_8.npz}. */
    String name(String location);

    /**
     * The storage rooted at {@code folder} below this root, sharing this one's connections; closing
     * the view closes nothing that this storage still uses.
     */
    Storage folder(String folder);

    /**
     * The entries directly below {@code folder} (not recursive) whose names start with
     * {@code prefix}, sorted by name. Object stores page through the listing; a caller that knows
     * the names (DLIO's naming rule, the manifest) should not list at all: listing millions of
     * objects takes hours.
     */
    List<StorageEntry> list(String folder, String prefix) throws IOException;

    /**
     * The size in bytes of the object at {@code location}.
     *
     * @throws java.nio.file.NoSuchFileException when there is none
     */
    long size(String location) throws IOException;

    /** Whether an object (not a folder) exists at {@code location}. */
    boolean exists(String location) throws IOException;

    /**
     * Opens the object at {@code location} for positional reads.
     *
     * @throws java.nio.file.NoSuchFileException when there is none
     */
    ObjectReader openRead(String location, ReadOptions options) throws IOException;

    /**
     * Starts writing the object at {@code location}. Nothing is visible under that name until
     * {@link ObjectWriter#publish} returns; closing the writer without publishing discards it, and
     * a crash leaves at most a temporary that no listing of the format's files matches.
     */
    ObjectWriter create(String location, WriteMode mode) throws IOException;

    /** Creates {@code folder} and its parents where folders exist (file systems); object stores need nothing. */
    void createFolders(String folder) throws IOException;

    /**
     * Deletes the object at {@code location}.
     *
     * @return whether there was one
     */
    boolean delete(String location) throws IOException;

    /** Bytes that can still be written below the root, when the storage knows (object stores do not). */
    OptionalLong usableSpace() throws IOException;

    /** Releases connections and threads; a view made by {@link #folder} closes nothing. */
    @Override
    void close() throws IOException;
}
