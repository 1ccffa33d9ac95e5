package org.dlioparquet.cli.bench;

/**
 * What a child JVM used at most: heap in use (garbage not yet collected included, so it follows
 * the collector's pace as much as the program's needs), the most heap still in use right after a
 * collection (closer to what the program holds; -1 when no collection ran), and the resident set
 * size ({@code VmHWM}); -1 when the platform does not tell.
 */
public record ChildMemory(long peakHeapBytes, long heapAfterGcBytes, long peakRssBytes, long maxHeapBytes) {
    public static final ChildMemory UNKNOWN = new ChildMemory(-1, -1, -1, -1);
}
