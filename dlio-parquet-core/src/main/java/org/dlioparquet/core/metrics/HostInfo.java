package org.dlioparquet.core.metrics;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Facts about the host that DLIO's summary carries. Read from {@code /proc} where it exists. */
public record HostInfo(String hostname, int cpuCount, String processorName, long memoryBytes,
                       Map<String, Long> meminfoKiB) {

    public static HostInfo current() {
        return new HostInfo(readHostname(), Runtime.getRuntime().availableProcessors(), readProcessorName(), readMemoryBytes(),
                meminfo());
    }

    /** True when {@code bytes} fit in this host's memory: reading them again may hit the page cache. */
    public boolean fitsInMemory(long bytes) {
        return memoryBytes > bytes;
    }

    public double memoryGiB() {
        return memoryBytes / 1024.0 / 1024.0 / 1024.0;
    }

    private static String readHostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return Files.readString(Path.of("/etc/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }

    private static String readProcessorName() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: DLIO leaves it empty too
        }
        return "";
    }

    private static long readMemoryBytes() {
        Long kib = meminfo().get("MemTotal");
        if (kib != null) {
            return kib * 1024;
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }

    private static Map<String, Long> meminfo() {
        Map<String, Long> out = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/meminfo"));
            for (String line : lines) {
                String[] parts = line.split("[:\\s]+");
                if (parts.length >= 2 && List.of("MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached")
                        .contains(parts[0])) {
                    out.put(parts[0], Long.parseLong(parts[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc/meminfo: leave it empty
        }
        return out;
    }
}
