package org.dlioparquet.core.spi;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dlioparquet.core.DlioException;
import org.dlioparquet.core.config.StorageConfig;

/**
 * The storage back-ends available: every {@link StorageProvider} found with {@link ServiceLoader}
 * in one class loader, and the rule that picks one for a folder: the folder's URI scheme
 * ({@code s3://bucket/data}, {@code hdfs://nn:8020/data}), else {@code storage_root}'s, else
 * {@code storage.storage_type}. A provider that cannot be loaded is left out without hiding the
 * others; asking for it gives one line saying why.
 */
public final class StorageRegistry {
    /** A URI scheme of at least two letters, so that a Windows drive ({@code C:\}) is not one. */
    private static final Pattern URI_PREFIX = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+://.*");

    private final List<StorageProvider> providers;
    private final List<String> loadFailures;

    private StorageRegistry(List<StorageProvider> providers, List<String> loadFailures) {
        this.providers = List.copyOf(providers);
        this.loadFailures = List.copyOf(loadFailures);
    }

    /** The providers registered in {@code loader}; one that fails to load is skipped and remembered. */
    public static StorageRegistry load(ClassLoader loader) {
        List<StorageProvider> found = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Iterator<StorageProvider> it = ServiceLoader.load(StorageProvider.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                failures.add(String.valueOf(e.getMessage()));
            }
        }
        return new StorageRegistry(found, failures);
    }

    /** The providers visible to the class loader that loaded dlio-parquet-core. */
    public static StorageRegistry loadDefault() {
        return load(StorageRegistry.class.getClassLoader());
    }

    /** A registry of exactly these providers. */
    public static StorageRegistry of(Collection<? extends StorageProvider> list) {
        return new StorageRegistry(new ArrayList<>(list), List.of());
    }

    public List<StorageProvider> providers() {
        return Collections.unmodifiableList(providers);
    }

    /** Whether {@code folder} is a URI ({@code s3://...}) rather than a path. */
    public static boolean isUri(String folder) {
        return folder != null && URI_PREFIX.matcher(folder).matches();
    }

    /**
     * The provider for {@code folder} under {@code storage}: by the folder's scheme, else
     * {@code storage_root}'s, else {@code storage_type}. Does not check that it is available.
     *
     * @throws DlioException when no provider serves it, or the scheme contradicts {@code storage_type}
     */
    public StorageProvider providerFor(StorageConfig storage, String folder) {
        String type = storage.storageType().name().toLowerCase(Locale.ROOT);
        String uri = isUri(folder) ? folder : isUri(storage.storageRoot()) ? storage.storageRoot() : null;
        if (uri == null) {
            return providers.stream().filter(p -> p.storageTypes().contains(type)).findFirst()
                    .orElseThrow(() -> new DlioException("no storage back-end serves storage_type '" + type
                            + "'; available: " + availableNames()));
        }
        String scheme = URI.create(uri).getScheme().toLowerCase(Locale.ROOT);
        StorageProvider p = forScheme(scheme).orElseThrow(() -> new DlioException("no storage back-end serves "
                + scheme + "://" + " URIs (" + uri + "); available: " + availableNames()));
        if (!type.equals("local_fs") && !p.storageTypes().contains(type)) {
            throw new DlioException(uri + " is a " + scheme + ":// URI but storage.storage_type is " + type
                    + "; make them agree");
        }
        return p;
    }

    /** The provider that claims {@code scheme}, else the first that can serve it. */
    public Optional<StorageProvider> forScheme(String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        Optional<StorageProvider> claimed = providers.stream().filter(p -> p.schemes().contains(s)).findFirst();
        return claimed.isPresent() ? claimed : providers.stream().filter(p -> p.servesScheme(s)).findFirst();
    }

    /** Where {@code folder} lies: itself when it is a URI, else as its provider resolves it. */
    public URI root(StorageConfig storage, Path baseDirectory, String folder) {
        if (isUri(folder)) {
            return URI.create(trimTrailingSlashes(folder));
        }
        if (isUri(storage.storageRoot())) {
            String prefix = trimSlashes(folder);
            return URI.create(trimTrailingSlashes(storage.storageRoot()) + (prefix.isEmpty() ? "" : "/" + prefix));
        }
        return providerFor(storage, folder).root(storage, baseDirectory, folder);
    }

    /**
     * Opens the storage of {@code folder} (a data or checkpoint folder) under {@code storage}.
     *
     * @throws DlioException when its provider is missing or cannot run here (a library not on the class path)
     */
    public Storage open(StorageConfig storage, Path baseDirectory, String folder) throws IOException {
        StorageProvider p = providerFor(storage, folder);
        Optional<String> unavailable = p.unavailableReason();
        if (unavailable.isPresent()) {
            throw new DlioException(unavailable.get());
        }
        return p.open(storage, root(storage, baseDirectory, folder));
    }

    /** Comma-separated provider names, with those that cannot run here marked. */
    public String availableNames() {
        String names = providers.stream().map(p -> p.name() + (p.unavailableReason().isPresent() ? " (unavailable)" : ""))
                .collect(Collectors.joining(", "));
        return loadFailures.isEmpty() ? names : names + "; failed to load: " + String.join("; ", loadFailures);
    }

    /** {@code folder} without leading {@code ./} or '/' and without trailing '/'; "." is the root. */
    static String trimSlashes(String folder) {
        String f = folder == null ? "" : folder.trim();
        while (f.startsWith("./")) {
            f = f.substring(2);
        }
        while (f.startsWith("/")) {
            f = f.substring(1);
        }
        f = trimTrailingSlashes(f);
        return f.equals(".") ? "" : f;
    }

    private static String trimTrailingSlashes(String s) {
        String f = s;
        while (f.endsWith("/") && !f.endsWith("://")) {
            f = f.substring(0, f.length() - 1);
        }
        return f;
    }
}
