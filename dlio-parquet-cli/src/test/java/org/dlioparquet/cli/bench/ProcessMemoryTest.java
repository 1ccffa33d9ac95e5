package org.dlioparquet.cli.bench;

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

    @Test
    void whatSurvivesACollectionIsCountedAfterIt() throws InterruptedException {
        ProcessMemory memory = ProcessMemory.track();
        byte[] held = new byte[32 << 20];

        System.gc();
        // the collectors report on their own thread, a moment later; a collection that ran before
        // the array existed (allocating it may trigger one) has reported already, so wait for this one
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (memory.snapshot().heapAfterGcBytes() < (32L << 20) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(held).hasSize(32 << 20);
        assertThat(memory.snapshot().heapAfterGcBytes()).isGreaterThanOrEqualTo(32L << 20);
        assertThat(memory.snapshot().peakHeapBytes()).isGreaterThanOrEqualTo(memory.snapshot().heapAfterGcBytes());
    }
}
