package org.dlioparquet.core.config;

/** The {@code model} section; only the name is used (labels and output folders). */
public record ModelConfig(String name) {
}
