/**
 * API. The workload model: one immutable record per section of DLIO's workload YAML
 * ({@code WorkloadConfig} and its {@code DatasetConfig}, {@code ReaderConfig}, {@code TrainConfig}, ...),
 * the loader ({@code WorkloadLoader}, {@code Workloads} for bundled names) with DLIO's override
 * spellings, and {@code ConfigException} listing every problem with its key. The package-private
 * classes are how it is done: the schema of keys, typing of values, resolution and validation.
 */
package org.dlioparquet.core.config;
