package org.dlioparquet.core.storage.s3;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.StorageConfig;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.Storage;
import org.dlioparquet.core.spi.StorageProvider;

/**
 * S3 and S3-compatible servers (MinIO, Ceph, S3Proxy) through the AWS SDK v2:
 * {@code storage_type: s3}, {@code s3://bucket/prefix}. The SDK is an optional dependency of the
 * core; this class names none of its types, so that without it only S3 is unavailable.
 */
public final class S3StorageProvider implements StorageProvider {
    private static final String[] REQUIRED = {"software.amazon.awssdk.services.s3.S3Client",
        "software.amazon.awssdk.http.apache5.Apache5HttpClient"};

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String description() {
        return "s3: S3 and S3-compatible servers (s3://bucket/prefix) through the AWS SDK v2";
    }

    @Override
    public Set<String> storageTypes() {
        return Set.of("s3");
    }

    @Override
    public Set<String> schemes() {
        return Set.of("s3");
    }

    @Override
    public Optional<String> unavailableReason() {
        for (String c : REQUIRED) {
            try {
                Class.forName(c, false, S3StorageProvider.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.of("S3 storage needs the AWS SDK v2 on the class path (software.amazon.awssdk:s3 and "
                        + "apache5-client; " + c + " is missing): the dlio-parquet CLI and Maven plugin carry it, a "
                        + "library user adds both dependencies");
            }
        }
        return Optional.empty();
    }

    @Override
    public void validate(StorageConfig storage, ProblemReporter problems) {
        S3Settings.of(storage, problems);
    }

    @Override
    public Storage open(StorageConfig storage, URI root) {
        return S3Storage.open(settings(storage), root);
    }

    /** The settings of {@code storage}; the first problem is a {@link ConfigException}. */
    static S3Settings settings(StorageConfig storage) {
        return S3Settings.of(storage, new ProblemReporter() {
            @Override
            public void error(String key, String message) {
                throw new ConfigException(key, message);
            }

            @Override
            public void warning(String key, String message) {
            }
        });
    }
}
