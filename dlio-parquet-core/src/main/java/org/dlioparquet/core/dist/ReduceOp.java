package org.dlioparquet.core.dist;

/** How {@link Collective#allreduce} combines the ranks' values, element by element. */
public enum ReduceOp {
    SUM,
    MAX,
    MIN
}
