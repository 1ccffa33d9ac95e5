package org.dlioparquet.core.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.dlioparquet.core.DlioException;
import org.dlioparquet.core.FormatType;

/**
 * The formats available: every {@link FormatProvider} found with {@link ServiceLoader} in one class
 * loader. The class loader is explicit so that the Maven plugin can pass its own realm (which also
 * holds the dependencies a user declares on the plugin).
 */
public final class FormatRegistry {

    /** DLIO formats that exist upstream but have no provider here, for a precise message. */
    private static final Set<String> DLIO_FORMATS = Set.of("tfrecord", "hdf5", "hdf5_opt", "jpeg", "png",
            "indexed_binary", "mmap_indexed_binary", "synthetic", "npy", "npz", "csv", "parquet");

    private final Map<FormatType, FormatProvider> providers;

    private FormatRegistry(Map<FormatType, FormatProvider> providers) {
        this.providers = Collections.unmodifiableMap(providers);
    }

    /**
     * The providers registered in {@code loader}.
     *
     * @throws DlioException when two providers claim the same format or a provider cannot be loaded
     */
    public static FormatRegistry load(ClassLoader loader) {
        List<FormatProvider> found = new ArrayList<>();
        try {
            for (FormatProvider p : ServiceLoader.load(FormatProvider.class, loader)) {
                found.add(p);
            }
        } catch (ServiceConfigurationError e) {
            throw new DlioException("cannot load a format provider: " + e.getMessage(), e);
        }
        return of(found);
    }

    /** The providers visible to the class loader that loaded dlio-parquet-core. */
    public static FormatRegistry loadDefault() {
        return load(FormatRegistry.class.getClassLoader());
    }

    /**
     * A registry of exactly these providers.
     *
     * @throws DlioException when two providers claim the same format
     */
    public static FormatRegistry of(Collection<? extends FormatProvider> list) {
        Map<FormatType, FormatProvider> byFormat = new TreeMap<>();
        for (FormatProvider p : list) {
            FormatProvider previous = byFormat.putIfAbsent(p.format(), p);
            if (previous != null) {
                throw new DlioException("format '" + p.format() + "' is claimed by two providers: "
                        + previous.getClass().getName() + " and " + p.getClass().getName()
                        + "; remove one of them from the class path");
            }
        }
        return new FormatRegistry(byFormat);
    }

    public Collection<FormatProvider> providers() {
        return providers.values();
    }

    public Set<FormatType> formats() {
        return providers.keySet();
    }

    public Optional<FormatProvider> find(FormatType format) {
        return Optional.ofNullable(providers.get(format));
    }

    /** The provider of {@code format}, or an exception that lists the available formats. */
    public FormatProvider provider(FormatType format) {
        FormatProvider p = providers.get(format);
        if (p == null) {
            throw new DlioException(unknownMessage(format.name()));
        }
        return p;
    }

    /**
     * The format named {@code text}, case-insensitive.
     *
     * @throws IllegalArgumentException naming the formats actually available
     */
    public FormatType parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (FormatType f : providers.keySet()) {
            if (f.name().equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException(unknownMessage(text));
    }

    /** The provider that reads a file of this name, judged by its extension. */
    public Optional<FormatProvider> forFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        FormatProvider best = null;
        int bestLength = -1;
        for (FormatProvider p : providers.values()) {
            for (String ext : p.readableExtensions()) {
                if (lower.endsWith("." + ext) && ext.length() > bestLength) {
                    best = p;
                    bestLength = ext.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Comma-separated names of the available formats. */
    public String availableNames() {
        return providers.keySet().stream().map(FormatType::name).collect(Collectors.joining(", "));
    }

    private String unknownMessage(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (DLIO_FORMATS.contains(t)) {
            return "format '" + text + "' is a DLIO format that dlio-parquet does not support yet; available: "
                    + availableNames();
        }
        return "unknown format '" + text + "'; available: " + availableNames();
    }
}
