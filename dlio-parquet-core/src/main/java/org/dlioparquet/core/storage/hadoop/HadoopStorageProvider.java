package org.dlioparquet.core.storage.hadoop;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.dlioparquet.core.config.StorageConfig;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.Storage;
import org.dlioparquet.core.spi.StorageProvider;

/**
 * Hadoop file systems through their FileSystem API: {@code hdfs://} and {@code viewfs://} here,
 * and any other scheme whose Hadoop client is on the class path ({@code abfs://}, {@code gs://},
 * {@code ofs://}). Needs {@code hadoop-client-runtime} (optional in the core) beside the
 * {@code hadoop-client-api} that parquet-java already brings. Hadoop settings come from
 * {@code storage_options.hadoop_conf} (a mapping of Hadoop keys to values) over Hadoop's defaults.
 */
public final class HadoopStorageProvider implements StorageProvider {
    /** Hadoop keys and values set for the storage, e.g. {@code dfs.replication: 1}. */
    public static final String CONF_KEY = "hadoop_conf";

    /** Served by other providers even when a Hadoop file system for them is on the class path. */
    private static final Set<String> NOT_HADOOP = Set.of("file", "s3", "http", "https");
    private static final String[] RUNTIME = {"org.apache.hadoop.thirdparty.protobuf.Message",
        "org.apache.hadoop.shaded.com.ctc.wstx.stax.WstxInputFactory"};

    @Override
    public String name() {
        return "hadoop";
    }

    @Override
    public String description() {
        return "hadoop: Hadoop FileSystem URIs (hdfs://, viewfs://, and any scheme whose Hadoop client is on the class path)";
    }

    @Override
    public Set<String> storageTypes() {
        return Set.of();
    }

    @Override
    public Set<String> schemes() {
        return Set.of("hdfs", "viewfs", "webhdfs", "swebhdfs");
    }

    @Override
    public boolean servesScheme(String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        if (schemes().contains(s)) {
            return true;
        }
        if (NOT_HADOOP.contains(s) || unavailableReason().isPresent()) {
            return false;
        }
        try {
            FileSystem.getFileSystemClass(s, new Configuration());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Optional<String> unavailableReason() {
        for (String c : RUNTIME) {
            try {
                Class.forName(c, false, HadoopStorageProvider.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.of("Hadoop file systems need org.apache.hadoop:hadoop-client-runtime on the class path "
                        + "(" + c + " is missing): the dlio-parquet CLI and Maven plugin carry it, a library user adds it");
            }
        }
        return Optional.empty();
    }

    @Override
    public void validate(StorageConfig storage, ProblemReporter problems) {
        Object conf = storage.storageOptions().get(CONF_KEY);
        if (conf != null && !(conf instanceof Map)) {
            problems.error("storage.storage_options." + CONF_KEY, "must be a mapping of Hadoop keys to values, e.g. "
                    + "{dfs.replication: 1}");
        }
    }

    @Override
    public Storage open(StorageConfig storage, URI root) throws IOException {
        return HadoopStorage.open(configuration(storage), root);
    }

    static Configuration configuration(StorageConfig storage) {
        Configuration conf = new Configuration();
        if (storage.storageOptions().get(CONF_KEY) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> conf.set(String.valueOf(k), String.valueOf(v)));
        }
        return conf;
    }
}
