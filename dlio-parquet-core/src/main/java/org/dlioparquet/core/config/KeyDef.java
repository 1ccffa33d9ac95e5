package org.dlioparquet.core.config;

import java.util.function.Predicate;

/**
 * One workload key: its dotted path, value type, DLIO default, and how far dlio-parquet honours it.
 *
 * @param unsupportedWhen for {@link Support#UNSUPPORTED_WHEN}: the typed values that ask for a
 *                        feature not implemented here
 * @param note            why the key has no effect, or what is not supported
 * @param outsideFiles    a {@code dataset} key that says where or how fast the files are written, or
 *                        how they are read, but never changes a generated file's name or bytes
 */
record KeyDef(String path, ValueType type, Object defaultValue, Support support, Predicate<Object> unsupportedWhen,
              String note, boolean outsideFiles) {

    enum Support {
        /** Read and honoured. */
        SUPPORTED,
        /** Read, but it only matters to a DLIO feature that has no equivalent here; accepted silently. */
        NO_EFFECT,
        /** DLIO itself ignores it (shipped workloads carry it); accepted with a warning. */
        IGNORED_BY_DLIO,
        /** Honoured for some values; {@code unsupportedWhen} values are an error. */
        UNSUPPORTED_WHEN
    }

    static KeyDef supported(String path, ValueType type, Object defaultValue) {
        return new KeyDef(path, type, defaultValue, Support.SUPPORTED, null, null, false);
    }

    KeyDef noEffect(String why) {
        return new KeyDef(path, type, defaultValue, Support.NO_EFFECT, null, why, outsideFiles);
    }

    KeyDef ignoredByDlio(String why) {
        return new KeyDef(path, type, defaultValue, Support.IGNORED_BY_DLIO, null, why, outsideFiles);
    }

    KeyDef unsupportedWhen(Predicate<Object> when, String message) {
        return new KeyDef(path, type, defaultValue, Support.UNSUPPORTED_WHEN, when, message, outsideFiles);
    }

    KeyDef markedOutsideFiles() {
        return new KeyDef(path, type, defaultValue, support, unsupportedWhen, note, true);
    }

    /**
     * True when the key's value is part of what a generated dataset is: a {@code dataset} key that
     * has an effect here and is not {@link #outsideFiles}. Keys with no effect cannot change a byte.
     */
    boolean decidesDatasetFiles() {
        return section().equals("dataset") && !outsideFiles
                && (support == Support.SUPPORTED || support == Support.UNSUPPORTED_WHEN);
    }

    String section() {
        int dot = path.indexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    String leaf() {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
