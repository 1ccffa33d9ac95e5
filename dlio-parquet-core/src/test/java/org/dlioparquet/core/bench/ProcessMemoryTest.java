package org.dlioparquet.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void vmHwmIsReadFromProcStatusInBytes() {
        String status = """
                Name:\tjava
                VmPeak:\t 9000000 kB
                VmHWM:\t  123456 kB
                VmRSS:\t  100000 kB
                """;

        assertThat(ProcessMemory.parseVmHwm(status)).isEqualTo(123456L * 1024);
        assertThat(ProcessMemory.parseVmHwm("Name:\tjava\n")).isEqualTo(-1);
    }

    @Test
    void heapInUseCountsTowardsThePeak() {
        ProcessMemory memory = ProcessMemory.track();
        byte[] held = new byte[64 << 20];

        ChildMemory m = memory.snapshot();

        assertThat(held).hasSize(64 << 20);
        assertThat(m.peakHeapBytes()).isGreaterThanOrEqualTo(64L << 20);
        assertThat(m.maxHeapBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
    }
}
