/**
 * Internal: the epoch runner. {@code EpochRunner} starts one {@code Accelerator} thread per emulated
 * accelerator; each takes its share of every epoch's sample order ({@code EpochSampleOrder},
 * {@code Permutation}), gets batches from its {@code BatchLoader} (reader threads running
 * {@code BatchReader}s over {@code OpenFiles}, within a {@code ReaderBudget}), emulates compute
 * ({@code ComputeEmulator}) and meets the others at a barrier per step. {@code RunLog} is the run's log; {@code BenchHooks} lets the command
 * line's benchmark time the runner's own parts.
 */
package org.dlioparquet.core.run;
