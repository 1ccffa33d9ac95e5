package org.dlioparquet.core;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a dataset format, as written in {@code dataset.format}.
 *
 * <p>Not an enum on purpose: third-party {@link org.dlioparquet.core.spi.FormatProvider}s add
 * formats at run time. The built-in ones are constants here; which formats are actually
 * available is decided by the {@link org.dlioparquet.core.spi.FormatRegistry}, which is also
 * where text from a workload is parsed.
 */
public final class FormatType implements Comparable<FormatType> {

    public static final FormatType PARQUET = new FormatType("parquet");
    public static final FormatType CSV = new FormatType("csv");
    public static final FormatType NPZ = new FormatType("npz");
    public static final FormatType NPY = new FormatType("npy");
    public static final FormatType TFRECORD = new FormatType("tfrecord");
    public static final FormatType HDF5 = new FormatType("hdf5");
    public static final FormatType JPEG = new FormatType("jpeg");
    public static final FormatType PNG = new FormatType("png");
    public static final FormatType INDEXED_BINARY = new FormatType("indexed_binary");
    public static final FormatType MMAP_INDEXED_BINARY = new FormatType("mmap_indexed_binary");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private final String name;

    private FormatType(String name) {
        this.name = name;
    }

    /**
     * The format with this name (case-insensitive). Does not check that a provider exists for it.
     *
     * @throws IllegalArgumentException if the name is not a plain identifier
     */
    public static FormatType of(String name) {
        Objects.requireNonNull(name, "name");
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(normalized).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a format name (letters, digits and _)");
        }
        return new FormatType(normalized);
    }

    /** Lower-case canonical name, as used in file extensions and YAML. */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FormatType other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public int compareTo(FormatType o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
