package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.dlioparquet.core.metrics.HostInfo;

/** What the figures depend on: CPU, memory, JDK, OS, the work folder's file system and the load. */
public record MachineFacts(int cores, String cpu, long memoryBytes, String jdk, String os, String fileSystem,
                           double loadAverage) {

    public static MachineFacts of(Path workFolder) {
        HostInfo host = HostInfo.current();
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new MachineFacts(host.cpuCount(), host.processorName(), host.memoryBytes(), jdk, os,
                fileSystem(workFolder), currentLoadAverage());
    }

    /** The 1-minute load average now; negative where the platform has none. */
    public static double currentLoadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String fileSystem(Path folder) {
        try {
            FileStore store = Files.getFileStore(folder);
            return store.type() + " (" + store.name() + ")";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** One line: {@code 2 cores (AMD EPYC), 23.5 GiB RAM, ...}. */
    public String describe() {
        return String.format(Locale.ROOT, "%d cores%s, %.1f GiB RAM, %s, %s", cores,
                cpu.isBlank() ? "" : " (" + cpu + ")", memoryBytes / 1073741824.0, jdk, os);
    }
}
