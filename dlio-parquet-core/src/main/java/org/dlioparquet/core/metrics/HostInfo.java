package org.dlioparquet.core.metrics;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Facts about the host that DLIO's summary carries. Read from {@code /proc} where it exists.
 *
 * @param cpuinfo {@code /proc/cpuinfo} as DLIO records it: every {@code key: value} line, the
 *                last processor's value winning, without {@code processor}; empty elsewhere
 * @param meminfo {@code /proc/meminfo} as DLIO records it: every key, its value as written
 *                ({@code "16318004 kB"}); empty elsewhere
 */
public record HostInfo(String hostname, int cpuCount, String processorName, long memoryBytes,
                       Map<String, String> cpuinfo, Map<String, String> meminfo) {
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    public HostInfo {
        cpuinfo = Collections.unmodifiableMap(new LinkedHashMap<>(cpuinfo));
        meminfo = Collections.unmodifiableMap(new LinkedHashMap<>(meminfo));
    }

    public static HostInfo current() {
        Map<String, String> cpuinfo = procFile(CPUINFO);
        Map<String, String> meminfo = procFile(MEMINFO);
        return new HostInfo(readHostname(), Runtime.getRuntime().availableProcessors(), readProcessorName(cpuinfo),
                readMemoryBytes(meminfo), cpuinfo, meminfo);
    }

    /** {@code /proc/meminfo} now, as DLIO records it at the start of every epoch. */
    public static Map<String, String> meminfoNow() {
        return procFile(MEMINFO);
    }

    /** True when {@code bytes} fit in this host's memory: reading them again may hit the page cache. */
    public boolean fitsInMemory(long bytes) {
        return memoryBytes > bytes;
    }

    public double memoryGiB() {
        return memoryBytes / 1024.0 / 1024.0 / 1024.0;
    }

    /**
     * A {@code /proc} file of {@code key : value} lines as DLIO's {@code lines_to_dict} reads it:
     * a line with exactly one colon sets the key (trimmed) to the value (trimmed, unit included);
     * a key seen again keeps its place and takes the new value; {@code processor} is left out.
     */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.indexOf(':', colon + 1) >= 0) {
                continue; // DLIO keeps the previous pair, which changes nothing
            }
            String key = line.substring(0, colon).strip();
            if (!key.equals("processor")) {
                out.put(key, line.substring(colon + 1).strip());
            }
        }
        return out;
    }

    private static Map<String, String> procFile(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return Map.of(); // not Linux: DLIO leaves the key out, we leave it empty
        }
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

    private static String readProcessorName(Map<String, String> cpuinfo) {
        return cpuinfo.getOrDefault("model name", ""); // not Linux: DLIO leaves it empty too
    }

    private static long readMemoryBytes(Map<String, String> meminfo) {
        String total = meminfo.get("MemTotal");
        if (total != null) {
            try {
                return Long.parseLong(total.split(" ")[0]) * 1024;
            } catch (NumberFormatException e) {
                // fall through to the JVM's figure
            }
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }
}
