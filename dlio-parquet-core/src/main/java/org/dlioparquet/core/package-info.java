/**
 * API. The facade {@link org.dlioparquet.core.Dlio} (generate, run, validate, classify a failure),
 * its options and results ({@code GenerationOptions}, {@code RunOptions}, {@code GenerationResult},
 * {@code RunResult}, {@code ValidationReport}, the listeners) and the vocabulary every package shares
 * ({@code FormatType}, {@code ElementType}, {@code Split}, the exceptions and {@code Failure}).
 * {@code Workflow}, the steps of a run in order, is package-private.
 *
 * <p>The library's API packages are this one, {@link org.dlioparquet.core.config},
 * {@link org.dlioparquet.core.spi} and the result records of {@link org.dlioparquet.core.metrics}.
 * Every other package is internal: its classes are public only so that the library's own packages
 * (and its command line and Maven plugin) can use them, and may change without notice.
 */
package org.dlioparquet.core;
