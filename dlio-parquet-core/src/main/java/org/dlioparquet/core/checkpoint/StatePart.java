package org.dlioparquet.core.checkpoint;

/** What a checkpoint file holds. */
public enum StatePart {
    /** Model states: the layers' tensors, or a non-transformer's single tensor. */
    MODEL,
    /** Optimizer states. */
    OPTIMIZER
}
