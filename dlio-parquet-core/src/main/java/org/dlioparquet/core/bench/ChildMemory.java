package org.dlioparquet.core.bench;

/**
 * What a child JVM used at most: heap in use (garbage not yet collected included) and resident
 * set size ({@code VmHWM}); -1 when the platform does not tell.
 */
public record ChildMemory(long peakHeapBytes, long peakRssBytes, long maxHeapBytes) {
    public static final ChildMemory UNKNOWN = new ChildMemory(-1, -1, -1);
}
