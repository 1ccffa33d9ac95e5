package org.dlioparquet.core.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * When one emulated accelerator's epoch began and ended (training, then any evaluation), and
 * {@code /proc/meminfo} as it was when the epoch began: what DLIO's per-rank files record per epoch.
 */
public record EpochSpan(int epoch, Instant start, Instant end, Map<String, String> hostMeminfo) {
    public EpochSpan {
        hostMeminfo = Map.copyOf(hostMeminfo);
    }
}
