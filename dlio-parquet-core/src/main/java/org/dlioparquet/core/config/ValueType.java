package org.dlioparquet.core.config;

/**
 * How the raw value of one workload key (from YAML, an override, or the Java builder) becomes a
 * typed value. A failed conversion throws {@link IllegalArgumentException} whose message is the
 * reason, phrased to follow the key path ("expected an integer >= 1, got -3").
 */
interface ValueType {
    Object convert(Object raw, ConversionContext context);

    /** For dumping a resolved value back into YAML. */
    default Object toYaml(Object typed) {
        return typed;
    }
}
