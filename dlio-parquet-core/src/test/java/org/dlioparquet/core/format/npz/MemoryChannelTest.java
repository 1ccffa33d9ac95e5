package org.dlioparquet.core.format.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class MemoryChannelTest {

    private static ByteBuffer bytes(int n, int first) {
        ByteBuffer b = ByteBuffer.allocate(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) (first + i));
        }
        return b.flip();
    }

    private static byte[] contents(MemoryChannel ch) {
        ByteBuffer c = ch.contents();
        byte[] out = new byte[c.remaining()];
        c.get(out);
        return out;
    }

    @Test
    void appendsInPiecesAllocateOnlyToDoubleAndAReusedChannelAllocatesNothing() throws IOException {
        MemoryChannel ch = new MemoryChannel();
        for (int k = 0; k < 64; k++) { // 1 MiB in 16 KiB pieces, as a ZIP writer appends
            ch.write(bytes(16 << 10, k));
        }
        assertThat(ch.size()).isEqualTo(1 << 20);
        assertThat(ch.capacity()).isEqualTo(1 << 20);
        int allocations = ch.allocations();
        assertThat(allocations).isEqualTo(5); // 64 KiB, then doubled to 128, 256, 512 KiB and 1 MiB

        ch.clear();
        for (int k = 0; k < 64; k++) {
            ch.write(bytes(16 << 10, k));
        }
        assertThat(ch.allocations()).isEqualTo(allocations);
        byte[] got = contents(ch);
        assertThat(got).hasSize(1 << 20);
        assertThat(got[(16 << 10) * 3 + 5]).isEqualTo((byte) (3 + 5));
    }

    @Test
    void seeksBackToPatchAndKeepsTheBytesWhenItGrows() throws IOException {
        MemoryChannel ch = new MemoryChannel();
        ch.write(bytes(100, 0));
        ch.position(10).write(ByteBuffer.wrap(new byte[] {-1, -2}));
        ch.position(100);
        ch.write(bytes(200 << 10, 0)); // grows past the first buffer
        byte[] got = contents(ch);
        assertThat(got).hasSize(100 + (200 << 10));
        assertThat(got[9]).isEqualTo((byte) 9);
        assertThat(got[10]).isEqualTo((byte) -1);
        assertThat(got[11]).isEqualTo((byte) -2);
        assertThat(got[12]).isEqualTo((byte) 12);
        assertThat(got[101]).isEqualTo((byte) 1);

        ch.position(5);
        ByteBuffer read = ByteBuffer.allocate(4);
        assertThat(ch.read(read)).isEqualTo(4);
        assertThat(read.array()).containsExactly(5, 6, 7, 8);
    }

    @Test
    void aClearedChannelShowsNoBytesOfThePreviousFileEvenPastAGap() throws IOException {
        MemoryChannel ch = new MemoryChannel();
        ch.write(bytes(1000, 1));
        ch.clear();
        assertThat(ch.size()).isZero();
        assertThat(ch.position()).isZero();
        ch.position(50);
        ch.write(bytes(10, 7));
        byte[] got = contents(ch);
        assertThat(got).hasSize(60);
        for (int i = 0; i < 50; i++) {
            assertThat(got[i]).as("byte %d", i).isZero();
        }
        assertThat(got[50]).isEqualTo((byte) 7);
    }

    @Test
    void truncateShortensAndAClosedChannelRefusesWrites() throws IOException {
        MemoryChannel ch = new MemoryChannel();
        ch.write(bytes(100, 0));
        ch.truncate(40);
        assertThat(ch.size()).isEqualTo(40);
        assertThat(ch.position()).isEqualTo(40);
        ch.close();
        assertThat(ch.isOpen()).isFalse();
        assertThatThrownBy(() -> ch.write(bytes(1, 0))).isInstanceOf(ClosedChannelException.class);
    }
}
