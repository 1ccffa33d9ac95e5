package org.dlioparquet.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostInfoTest {

    @Test
    void procFilesAreReadAsDliosLinesToDict() {
        String cpuinfo = """
                processor\t: 0
                vendor_id\t: GenuineIntel
                model name\t: Intel(R) Xeon(R) CPU @ 2.20GHz
                cpu MHz\t\t: 2200.000
                flags\t\t: fpu vme de
                power management:

                processor\t: 1
                vendor_id\t: GenuineIntel
                model name\t: Intel(R) Xeon(R) CPU @ 2.20GHz
                cpu MHz\t\t: 2199.998
                address: a:b
                flags\t\t: fpu vme de
                power management:

                """;

        Map<String, String> m = HostInfo.parse(cpuinfo);

        // every key once, in first-seen order, the last processor's value; no "processor"; a line
        // with two colons is not a pair (DLIO's len(split(":")) == 2)
        assertThat(m.keySet()).containsExactly("vendor_id", "model name", "cpu MHz", "flags", "power management");
        assertThat(m).containsEntry("cpu MHz", "2199.998").containsEntry("power management", "")
                .containsEntry("model name", "Intel(R) Xeon(R) CPU @ 2.20GHz").containsEntry("flags", "fpu vme de");

        assertThat(HostInfo.parse("MemTotal:       16318004 kB\nHugePages_Total:       0\n"))
                .containsExactly(Map.entry("MemTotal", "16318004 kB"), Map.entry("HugePages_Total", "0"));
    }

    @Test
    void theHostsMeminfoHasEveryKeyOfProcMeminfo() throws IOException {
        Path proc = Path.of("/proc/meminfo");
        assertThat(proc).as("these tests run on Linux").exists();
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(proc)) {
            keys.add(line.substring(0, line.indexOf(':')));
        }

        HostInfo host = HostInfo.current();

        assertThat(host.meminfo().keySet()).containsExactlyElementsOf(keys);
        assertThat(host.meminfo().get("MemTotal")).matches("[0-9]+ kB");
        assertThat(host.memoryBytes()).isEqualTo(Long.parseLong(host.meminfo().get("MemTotal").split(" ")[0]) * 1024);
        assertThat(host.cpuinfo()).doesNotContainKey("processor").containsKey("model name");
        assertThat(host.processorName()).isEqualTo(host.cpuinfo().get("model name"));
    }
}
