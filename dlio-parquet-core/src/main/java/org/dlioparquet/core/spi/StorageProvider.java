package org.dlioparquet.core.spi;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.dlioparquet.core.config.StorageConfig;

/**
 * A storage back-end: where a dataset's or a checkpoint's bytes live (local files, S3, a Hadoop
 * file system). Found with {@link java.util.ServiceLoader} through {@link StorageRegistry}; a
 * provider jar registers its class in {@code META-INF/services/org.dlioparquet.core.spi.StorageProvider}
 * and needs a public no-argument constructor that touches none of its optional libraries, so that
 * a missing library makes only this provider unavailable (see {@link #unavailableReason()}).
 */
public interface StorageProvider {
    /** Short name for messages and {@code dlio-parquet storage}, e.g. {@code s3}. */
    String name();

    /** One line for listings. */
    default String description() {
        return name();
    }

    /** The {@code storage.storage_type} values this provider serves, e.g. {@code s3}. */
    Set<String> storageTypes();

    /** The URI schemes this provider claims, e.g. {@code s3}; a claim wins over {@link #servesScheme}. */
    Set<String> schemes();

    /**
     * Whether this provider can serve a scheme that no provider claims in {@link #schemes()}; the
     * Hadoop provider serves any scheme whose Hadoop file system is on the class path.
     */
    default boolean servesScheme(String scheme) {
        return schemes().contains(scheme);
    }

    /**
     * Why this provider cannot be used here, in one line that says what to add (a library missing
     * from the class path); empty when it can.
     */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /**
     * Checks the provider's own keys of {@code storage.storage_options} and reports every problem
     * before anything is read or written. Messages never quote a secret's value.
     */
    default void validate(StorageConfig storage, ProblemReporter problems) {
    }

    /**
     * Where {@code folder} (DLIO's {@code dataset.data_folder} or {@code checkpoint.checkpoint_folder},
     * not itself a URI) lies for this provider. The default is DLIO's rule for object stores:
     * {@code storage_root} is the bucket, {@code folder} the key prefix
     * ({@code <scheme>://<storage_root>/<folder>}); file systems resolve it against
     * {@code baseDirectory} instead.
     */
    default URI root(StorageConfig storage, Path baseDirectory, String folder) {
        String bucket = StorageRegistry.trimSlashes(storage.storageRoot());
        String prefix = StorageRegistry.trimSlashes(folder);
        return URI.create(schemes().iterator().next() + "://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix));
    }

    /**
     * Opens the storage rooted at {@code root} (a URI this provider serves: {@code file:///data},
     * {@code s3://bucket/prefix}, {@code hdfs://namenode:8020/data}) with the options of
     * {@code storage}. The caller closes it.
     *
     * @throws org.dlioparquet.core.config.ConfigException for options that cannot work
     * @throws IOException when the storage cannot be reached
     */
    Storage open(StorageConfig storage, URI root) throws IOException;
}
