package org.dlioparquet.core.config;

/** A value as given, before typing, and where it came from. */
record RawValue(Object value, String source) {
}
