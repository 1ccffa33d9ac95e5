package org.dlioparquet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bounce ranges of a direct channel: which device reads a sequence of reads costs (counted
 * through {@link StubDirectChannel}), and that every read returns the file's bytes.
 */
class DirectReadChannelTest {
    private static final int BLOCK = 4096;
    private static final int RANGE = 64 << 10;

    @TempDir
    Path dir;

    private final DirectBufferPool pool = new DirectBufferPool(8);
    private final ExecutorService helpers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        helpers.shutdownNow();
    }

    private byte[] bytes;

    private StubDirectChannel stub(int size) throws IOException {
        bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Path p = dir.resolve("f" + size);
        Files.write(p, bytes);
        return new StubDirectChannel(FileChannel.open(p, StandardOpenOption.READ), false);
    }

    private static String caller() {
        return Thread.currentThread().getName();
    }

    private DirectReadChannel channel(StubDirectChannel stub) {
        return new DirectReadChannel(stub, BLOCK, RANGE, pool);
    }

    /** Reads {@code length} bytes at {@code pos} and checks they are the file's. */
    private void check(FileChannel ch, long pos, int length) throws IOException {
        ByteBuffer dst = ByteBuffer.allocate(length);
        int n = ch.read(dst, pos);
        assertThat(n).as("bytes read at %d", pos).isEqualTo(length);
        assertThat(dst.array()).isEqualTo(Arrays.copyOfRange(bytes, (int) pos, (int) pos + length));
    }

    @Test
    void aFileAtMostAQuarterRangeLongerThanARangeIsReadWholeWithOneRequestWhicheverEndComesFirst()
            throws IOException {
        // as an NPZ of one 1 MiB sample is read: the ZIP's end, the member header, the data
        int size = RANGE + 498;
        StubDirectChannel stub = stub(size);
        try (DirectReadChannel ch = channel(stub)) {
            check(ch, size - 256, 256);
            check(ch, 0, 100);
            check(ch, 154, size - 154 - 150);
            check(ch, size - 256, 256);

            assertThat(stub.reads).containsExactly(caller() + "@0");
            assertThat(stub.asked).as("whole blocks to the file's end").containsExactly(RANGE + BLOCK);
            assertThat(ch.bytesFetched()).as("each byte fetched once").isEqualTo(size);
        }
    }

    @Test
    void aFileMoreThanAQuarterRangeLongerThanARangeReadEndThenStartThenAcrossCostsOneRequestPerRange()
            throws IOException {
        int size = RANGE + RANGE / 2;
        StubDirectChannel stub = stub(size);
        try (DirectReadChannel ch = channel(stub)) {
            check(ch, size - 256, 256);
            check(ch, 0, 100);
            check(ch, 154, RANGE);
            check(ch, size - 256, 256);
        }
        // the end's block, the first range, and the rest of the file from where the first range ends
        assertThat(stub.reads).containsExactly(caller() + "@" + (size - BLOCK), caller() + "@0",
                caller() + "@" + RANGE);
        assertThat(stub.asked).containsExactly(BLOCK, RANGE, RANGE / 2);
    }

    @Test
    void readsAlternatingBetweenTheEndAndTheBodyReadEachRangeOnce() throws IOException {
        int size = 4 * RANGE + 5000;
        StubDirectChannel stub = stub(size);
        try (DirectReadChannel ch = channel(stub)) {
            for (int i = 0; i < 4; i++) {
                check(ch, size - 100, 100);
                check(ch, (long) i * RANGE + 1000, RANGE / 2);
                check(ch, size - 300, 200);
            }
        }
        // the end's block once, each of the four ranges of the body once
        List<String> expected = new ArrayList<>(List.of(caller() + "@" + (4 * RANGE + BLOCK)));
        for (int i = 0; i < 4; i++) {
            expected.add(caller() + "@" + i * RANGE);
        }
        assertThat(stub.reads).containsExactlyElementsOf(expected);
    }

    @Test
    void aValueStraddlingTwoRangesIsFetchedOnceHoweverOftenItIsRead() throws IOException {
        StubDirectChannel stub = stub(3 * RANGE);
        try (DirectReadChannel ch = channel(stub)) {
            check(ch, 0, 10);
            for (int i = 0; i < 3; i++) {
                check(ch, RANGE - 10, 20);
                check(ch, RANGE - 3000, 4000);
                check(ch, 5, 10);
            }
        }
        assertThat(stub.reads).containsExactly(caller() + "@0", caller() + "@" + RANGE);
    }

    @Test
    void aReaderWalkingHeadersFetchesABlockForEachAndWholeRangesAgainOnceItReadsOn() throws IOException {
        // as a Parquet reader finds row 5 of a chunk without an offset index: the magic, the footer,
        // then each page's header in turn, then page 5 whole
        int size = 8 * RANGE + 100;
        StubDirectChannel stub = stub(size);
        try (DirectReadChannel ch = channel(stub)) {
            check(ch, 0, 4);
            check(ch, size - 60, 40);
            for (int k = 1; k <= 5; k++) {
                check(ch, k * (RANGE + 40L), 30);
            }
            check(ch, 5 * (RANGE + 40L) + 30, RANGE);
            check(ch, 6 * (RANGE + 40L) + 30, RANGE); // and on: whole ranges
            assertThat(ch.bytesFetched()).as("not a range per header").isLessThan(5L * RANGE);
        }
        String c = caller();
        int last = 8 * RANGE;
        assertThat(stub.reads).containsExactly(c + "@0", c + "@" + last, c + "@" + RANGE, c + "@" + 2 * RANGE,
                c + "@" + 3 * RANGE, c + "@" + 4 * RANGE, c + "@" + 5 * RANGE, c + "@" + (5 * RANGE + BLOCK),
                c + "@" + (6 * RANGE + BLOCK));
        // the first range, the footer's block after a jump from a range hardly used, a range after the jump
        // back, then a block per header, and whole ranges from where page 5 goes on past its block
        assertThat(stub.asked).containsExactly(RANGE, BLOCK, RANGE, BLOCK, BLOCK, BLOCK, BLOCK, RANGE, RANGE);
    }

    @Test
    void aFileNoLongerThanARangeIsReadWholeByItsFirstReadWhicheverEnd() throws IOException {
        int size = RANGE - 100;
        StubDirectChannel stub = stub(size);
        try (DirectReadChannel ch = channel(stub)) {
            check(ch, size - 50, 50);
            check(ch, 0, size);
            assertThat(ch.read(ByteBuffer.allocate(10), size)).isEqualTo(-1);
        }
        assertThat(stub.reads).containsExactly(caller() + "@0");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, BLOCK - 1, BLOCK, BLOCK + 1, RANGE - 1, RANGE, RANGE + 1, 3 * RANGE + 777})
    void everyOffsetAndLengthReturnsTheFileBytesWithAndWithoutReadAhead(int size) throws IOException {
        for (boolean ahead : new boolean[] {false, true}) {
            StubDirectChannel stub = stub(size);
            long[] positions = {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, RANGE - 1, RANGE, RANGE + 1, 2L * RANGE + 5,
                    size - 1L, size, size + 5L};
            int[] lengths = {1, 2, BLOCK - 1, BLOCK, BLOCK + 1, RANGE, RANGE + BLOCK + 1, size + 10};
            DirectReadChannel ch = new DirectReadChannel(stub, BLOCK, RANGE, pool,
                    ahead ? new ReadLane(helpers, 2) : null, null, false);
            try (ch) {
                for (long pos : positions) {
                    for (int length : lengths) {
                        boolean direct = (pos + length) % 2 == 0;
                        ByteBuffer dst = direct ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
                        int n = ch.read(dst, pos);
                        if (pos >= size) {
                            assertThat(n).as("at %d, past the end of %d bytes", pos, size).isEqualTo(-1);
                            continue;
                        }
                        int expected = (int) Math.min(length, size - pos);
                        assertThat(n).as("%d bytes at %d of %d (read-ahead %s)", length, pos, size, ahead)
                                .isEqualTo(expected);
                        byte[] got = new byte[n];
                        dst.flip().get(got);
                        assertThat(got).as("%d bytes at %d of %d (read-ahead %s)", length, pos, size, ahead)
                                .isEqualTo(Arrays.copyOfRange(bytes, (int) pos, (int) pos + n));
                    }
                }
            }
            // closed: every read-ahead has ended
            assertThat(ch.requests()).isEqualTo(stub.reads.size());
            assertThat(ch.bytesFetched()).isEqualTo(stub.bytesReturned.get());
        }
    }

    @Test
    void alignedReadsIntoAlignedDirectBuffersGoStraightToTheDevice() throws IOException {
        StubDirectChannel stub = stub(3 * RANGE);
        try (DirectReadChannel ch = channel(stub)) {
            ByteBuffer aligned = ByteBuffer.allocateDirect(2 * BLOCK + BLOCK).alignedSlice(BLOCK).limit(2 * BLOCK);
            assertThat(ch.read(aligned, RANGE + BLOCK)).isEqualTo(2 * BLOCK);
            byte[] got = new byte[2 * BLOCK];
            aligned.flip().get(got);
            assertThat(got).isEqualTo(Arrays.copyOfRange(bytes, RANGE + BLOCK, RANGE + 3 * BLOCK));
            assertThat(ch.requests()).isEqualTo(1);
            assertThat(ch.bytesFetched()).isEqualTo(2 * BLOCK);
        }
        assertThat(pool.capacities()).as("no bounce buffer was needed").isEmpty();
    }

    @Test
    void closeGivesEveryBounceBufferBackAndAddsTheRequestsAndBytesToTheTraffic() throws IOException {
        int size = 2 * RANGE + 100;
        StubDirectChannel stub = stub(size);
        StorageTraffic traffic = new StorageTraffic();
        DirectReadChannel ch = new DirectReadChannel(stub, BLOCK, RANGE, pool, null, traffic, false);
        check(ch, size - 50, 50);
        check(ch, 10, 100);
        assertThat(stub.reads).hasSize(2);

        ch.close();

        assertThat(pool.capacities()).as("the two ranges kept").hasSize(DirectReadChannel.KEPT_RANGES);
        assertThat(traffic.requests()).isEqualTo(2);
        assertThat(traffic.bytesFetched()).isEqualTo(100 + RANGE);
        assertThat(traffic.objectsOpened()).isEqualTo(1);
        assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(10), 0)).isInstanceOf(ClosedChannelException.class);
    }
}
