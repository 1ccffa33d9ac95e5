package org.dlioparquet.cli.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The most memory this JVM has used. Heap in use only grows between collections, so its peak is
 * the largest "before GC" heap the collectors report, or the heap in use now if that is larger;
 * a sum of per-pool peaks would add up maxima reached at different times. The largest heap left
 * after a collection tells what the program holds rather than how lazily the collector runs. The
 * resident set's peak is the kernel's {@code VmHWM}.
 */
final class ProcessMemory {
    private final Set<String> heapPools;
    private final AtomicLong peakBeforeGc = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong(-1);

    private ProcessMemory() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toUnmodifiableSet());
    }

    /** Starts listening to the collectors; call it first thing. */
    static ProcessMemory track() {
        ProcessMemory m = new ProcessMemory();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData())
                                .getGcInfo();
                        m.peakBeforeGc.accumulateAndGet(m.heapUsed(info.getMemoryUsageBeforeGc()), Math::max);
                        m.peakAfterGc.accumulateAndGet(m.heapUsed(info.getMemoryUsageAfterGc()), Math::max);
                    }
                }, null, null);
            }
        }
        return m;
    }

    private long heapUsed(Map<String, MemoryUsage> pools) {
        return pools.entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
    }

    ChildMemory snapshot() {
        long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new ChildMemory(Math.max(peakBeforeGc.get(), now), peakAfterGc.get(), peakRss(),
                Runtime.getRuntime().maxMemory());
    }

    private static long peakRss() {
        try {
            return parseVmHwm(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code VmHWM} of a {@code /proc/<pid>/status} text in bytes; -1 when absent. */
    static long parseVmHwm(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            }
        }
        return -1;
    }
}
