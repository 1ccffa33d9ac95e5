package org.dlioparquet.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dlioparquet.core.DlioException;
import org.dlioparquet.core.config.StorageConfig;
import org.dlioparquet.core.config.StorageType;
import org.junit.jupiter.api.Test;

/** How a folder finds its back-end, and what happens when a back-end's library is missing. */
class StorageRegistryTest {
    private static final StorageRegistry REGISTRY = StorageRegistry.loadDefault();
    private static final Path BASE = Path.of("/work/base");

    private static StorageConfig storage(StorageType type, String root) {
        return new StorageConfig(type, root, Map.of());
    }

    @Test
    void theCoreRegistersLocalS3AndHadoop() {
        assertThat(REGISTRY.providers()).extracting(StorageProvider::name).containsExactly("local_fs", "s3", "hadoop");
        assertThat(REGISTRY.providers()).allSatisfy(p -> assertThat(p.unavailableReason()).isEmpty());
    }

    @Test
    void foldersResolveByDliosRules() {
        assertThat(REGISTRY.root(storage(StorageType.LOCAL_FS, "./"), BASE, "data/"))
                .isEqualTo(URI.create("file:///work/base/data"));
        assertThat(REGISTRY.root(storage(StorageType.LOCAL_FS, "runs"), BASE, "/abs/data"))
                .isEqualTo(URI.create("file:///abs/data"));
        // S3: storage_root is the bucket, the folder the key prefix
        assertThat(REGISTRY.root(storage(StorageType.S3, "bucket"), BASE, "./data/unet3d/"))
                .isEqualTo(URI.create("s3://bucket/data/unet3d"));
        assertThat(REGISTRY.root(storage(StorageType.S3, "bucket"), BASE, "."))
                .isEqualTo(URI.create("s3://bucket"));
        // DLIO's unet3d_*_s3.yaml: the data folder is itself a URI
        assertThat(REGISTRY.root(storage(StorageType.S3, "s3pytorchconnector"), BASE, "s3://s3pytorchconnector"))
                .isEqualTo(URI.create("s3://s3pytorchconnector"));
        assertThat(REGISTRY.root(storage(StorageType.LOCAL_FS, "hdfs://nn:8020/user/x/"), BASE, "data"))
                .isEqualTo(URI.create("hdfs://nn:8020/user/x/data"));
        assertThat(REGISTRY.providerFor(storage(StorageType.LOCAL_FS, "./"), "hdfs://nn:8020/d").name()).isEqualTo("hadoop");
        assertThat(REGISTRY.providerFor(storage(StorageType.LOCAL_FS, "./"), "viewfs://cluster/d").name())
                .isEqualTo("hadoop");
        assertThat(REGISTRY.providerFor(storage(StorageType.S3, "b"), "data").name()).isEqualTo("s3");
        assertThat(REGISTRY.providerFor(storage(StorageType.LOCAL_FS, "./"), "C:/data").name()).isEqualTo("local_fs");
    }

    @Test
    void contradictionsAndUnknownSchemesSaySo() {
        assertThatThrownBy(() -> REGISTRY.providerFor(storage(StorageType.S3, "b"), "hdfs://nn/d"))
                .isInstanceOf(DlioException.class)
                .hasMessage("hdfs://nn/d is a hdfs:// URI but storage.storage_type is s3; make them agree");
        assertThatThrownBy(() -> REGISTRY.providerFor(storage(StorageType.LOCAL_FS, "./"), "nosuch://x/d"))
                .isInstanceOf(DlioException.class)
                .hasMessageStartingWith("no storage back-end serves nosuch:// URIs (nosuch://x/d); available: local_fs, s3, hadoop");
    }

    /**
     * A class path without the AWS SDK (a library user who reads local files): ServiceLoader still
     * finds every provider, local files work, and asking for S3 is one line that says what to add.
     */
    @Test
    void aMissingSdkMakesOnlyS3Unavailable() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("awssdk")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        try (URLClassLoader withoutSdk = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> registry = withoutSdk.loadClass(StorageRegistry.class.getName());
            Object loaded = registry.getMethod("load", ClassLoader.class).invoke(null, withoutSdk);
            String names = (String) registry.getMethod("availableNames").invoke(loaded);
            assertThat(names).isEqualTo("local_fs, s3 (unavailable), hadoop");
            @SuppressWarnings("unchecked")
            List<Object> providers = (List<Object>) registry.getMethod("providers").invoke(loaded);
            Object s3 = providers.get(1);
            Object reason = s3.getClass().getMethod("unavailableReason").invoke(s3);
            assertThat(reason.toString()).contains("S3 storage needs the AWS SDK v2 on the class path")
                    .contains("software.amazon.awssdk.services.s3.S3Client is missing").doesNotContain("\n");
        }
    }
}
