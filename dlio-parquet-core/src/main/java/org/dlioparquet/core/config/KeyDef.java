package org.dlioparquet.core.config;

import java.util.function.Predicate;

/**
 * One workload key: its dotted path, value type, DLIO default, and how far dlio-parquet honours it.
 *
 * @param unsupportedWhen for {@link Support#UNSUPPORTED_WHEN}: the typed values that ask for a
 *                        feature not implemented here
 * @param note            why the key has no effect, or what is not supported
 */
record KeyDef(String path, ValueType type, Object defaultValue, Support support, Predicate<Object> unsupportedWhen,
              String note) {

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

    KeyDef noEffect(String why) {
        return new KeyDef(path, type, defaultValue, Support.NO_EFFECT, null, why);
    }

    KeyDef ignoredByDlio(String why) {
        return new KeyDef(path, type, defaultValue, Support.IGNORED_BY_DLIO, null, why);
    }

    KeyDef unsupportedWhen(Predicate<Object> when, String message) {
        return new KeyDef(path, type, defaultValue, Support.UNSUPPORTED_WHEN, when, message);
    }

    String section() {
        int dot = path.indexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    String leaf() {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
