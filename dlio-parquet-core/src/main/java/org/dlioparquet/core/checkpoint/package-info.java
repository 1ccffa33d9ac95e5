/**
 * Checkpoints as DLIO emulates them (Megatron-DeepSpeed's layout): which rank writes which file of
 * how many bytes ({@link org.dlioparquet.core.checkpoint.CheckpointPlan}), when checkpoints happen
 * ({@link org.dlioparquet.core.checkpoint.CheckpointSchedule}), the streamed writer and loader, and the
 * timed save and load of a process's ranks ({@link org.dlioparquet.core.checkpoint.Checkpointer},
 * {@link org.dlioparquet.core.checkpoint.CheckpointOnlyRun}).
 *
 * <p>Internal: public only for the library's own packages (the run workflow, the command line).
 */
package org.dlioparquet.core.checkpoint;
