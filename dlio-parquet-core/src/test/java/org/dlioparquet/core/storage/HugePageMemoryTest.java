package org.dlioparquet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** O_DIRECT bounce buffers in memory advised for transparent huge pages. */
class HugePageMemoryTest {

    @Test
    void onLinuxABufferStartsOnAHugePageBoundaryInWholeHugePagesAdvisedForThem() throws IOException {
        assertThat(HugePageMemory.available()).isEqualTo(Platform.isLinux());
        ByteBuffer b = HugePageMemory.allocate((5 << 20) / 4); // a bounce range of 1.25 MiB
        assertThat(b.isDirect()).isTrue();
        assertThat(b.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        if (!Platform.isLinux()) {
            assertThat(b.capacity()).isEqualTo((5 << 20) / 4);
            return;
        }
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(b));
        assertThat(address % HugePageMemory.HUGE_PAGE).isZero();
        assertThat(b.capacity()).isEqualTo(HugePageMemory.HUGE_PAGE);
        // the kernel records the advice on the mapping: "hg" among its VmFlags
        assertThat(vmFlagsOf(address)).contains("hg");
    }

    @Test
    void theMemoryHoldsWhatIsWrittenOverItsWholeLength() {
        ByteBuffer b = HugePageMemory.allocate(3 << 20);
        assertThat(b.capacity()).isGreaterThanOrEqualTo(3 << 20);
        for (int i = 0; i + 8 <= b.capacity(); i += 4096) {
            b.putLong(i, i * 31L + 7);
        }
        for (int i = 0; i + 8 <= b.capacity(); i += 4096) {
            assertThat(b.getLong(i)).isEqualTo(i * 31L + 7);
        }
    }

    @Test
    void aPoolMakesItsBuffersWithTheAllocatorItIsGiven() {
        DirectBufferPool pool = new DirectBufferPool(2, HugePageMemory::allocate);
        ByteBuffer b = pool.take(1 << 20);
        assertThat(b.capacity()).isEqualTo(Platform.isLinux() ? (int) HugePageMemory.HUGE_PAGE : 1 << 20);
        pool.give(b);
        assertThat(pool.take(1 << 20)).isSameAs(b);
    }

    /** The VmFlags line of the mapping of /proc/self/smaps that holds {@code address}. */
    private static String vmFlagsOf(long address) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        boolean inside = false;
        for (String line : lines) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] range = line.substring(0, line.indexOf(' ')).split("-");
                inside = Long.parseUnsignedLong(range[0], 16) <= address && address < Long.parseUnsignedLong(range[1], 16);
            } else if (inside && line.startsWith("VmFlags:")) {
                return line;
            }
        }
        return "";
    }
}
