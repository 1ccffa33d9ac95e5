package org.dlioparquet.core.config;

/** The {@code metric} section: {@code au} is the expected accelerator utilisation (0..1). */
public record MetricConfig(double au) {
}
