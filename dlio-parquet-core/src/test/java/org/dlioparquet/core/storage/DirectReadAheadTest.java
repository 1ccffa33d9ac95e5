package org.dlioparquet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reader.odirect_read_ahead}: the next ranges are read on the reader thread's lane while
 * the last is used, a file's start while its end is read, and a file opened ahead has its start and
 * end read before its reader asks.
 */
class DirectReadAheadTest {
    private static final int BLOCK = 4096;
    private static final int RANGE = 64 << 10;
    /** Four whole ranges and a part of a fifth longer than a quarter range (a shorter one would ride with the fourth). */
    private static final int FILE_BYTES = 4 * RANGE + RANGE / 2 + 5000;
    /** Where the file's last block starts. */
    private static final int LAST_BLOCK = (FILE_BYTES - 1) / BLOCK * BLOCK;

    @TempDir
    Path dir;

    private final AtomicInteger helperNo = new AtomicInteger();
    private final ExecutorService helpers = Executors.newCachedThreadPool(
            r -> new Thread(r, "ahead-" + helperNo.incrementAndGet()));
    private final DirectBufferPool pool = new DirectBufferPool(8);

    @AfterEach
    void stop() {
        helpers.shutdownNow();
    }

    private byte[] file(Path p, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        Files.write(p, bytes);
        return bytes;
    }

    private StubDirectChannel stub(Path p) throws IOException {
        return new StubDirectChannel(FileChannel.open(p, StandardOpenOption.READ), false);
    }

    private DirectReadChannel channel(StubDirectChannel stub) {
        return new DirectReadChannel(stub, BLOCK, RANGE, pool, new ReadLane(helpers, 2), null, false);
    }

    private static String caller() {
        return Thread.currentThread().getName();
    }

    /** Reads the whole file front to back in pieces that never line up with blocks. */
    private static byte[] readInPieces(FileChannel ch, int size) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(size + 100);
        ByteBuffer piece = ByteBuffer.allocate(1000);
        long pos = 0;
        int n;
        while ((n = ch.read(piece.clear(), pos)) > 0) {
            all.put(piece.flip());
            pos += n;
        }
        byte[] out = new byte[all.position()];
        all.flip().get(out);
        return out;
    }

    private static byte[] read(FileChannel ch, long pos, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        assertThat(ch.read(b, pos)).isEqualTo(length);
        return b.array();
    }

    @Test
    void aFileReadFrontToBackReadsEachRangeOnceAndAllButTheFirstAhead() throws IOException {
        Path p = dir.resolve("f");
        byte[] bytes = file(p, FILE_BYTES);
        StubDirectChannel stub = stub(p);
        try (DirectReadChannel ch = channel(stub)) {
            assertThat(readInPieces(ch, FILE_BYTES)).isEqualTo(bytes);
        }
        assertThat(stub.reads).hasSize(5).first().isEqualTo(caller() + "@0");
        assertThat(stub.reads.subList(1, 5)).allMatch(r -> r.startsWith("ahead-"))
                .map(r -> r.substring(r.indexOf('@') + 1))
                .containsExactlyInAnyOrder("" + RANGE, "" + 2 * RANGE, "" + 3 * RANGE, "" + 4 * RANGE);
        assertThat(stub.peakReading.get()).as("reads in flight at once").isLessThanOrEqualTo(2);
    }

    @Test
    void aFormatThatReadsTheEndFirstHasTheStartReadMeanwhile() throws IOException {
        // an archive of a range and a half: the ZIP's end, then the member's header and data
        Path p = dir.resolve("f");
        int size = RANGE + RANGE / 2;
        byte[] bytes = file(p, size);
        StubDirectChannel stub = stub(p);
        stub.readMillis = 100; // long enough for both reads to be seen in flight together
        try (DirectReadChannel ch = channel(stub)) {
            assertThat(read(ch, size - 256, 256)).isEqualTo(Arrays.copyOfRange(bytes, size - 256, size));
            assertThat(read(ch, 154, RANGE - 300)).isEqualTo(Arrays.copyOfRange(bytes, 154, RANGE - 146));
        }
        assertThat(stub.reads).anyMatch(r -> r.startsWith("ahead-") && r.endsWith("@0"))
                .filteredOn(r -> r.startsWith(caller() + "@")).containsExactly(caller() + "@" + (size - BLOCK));
        assertThat(stub.peakReading.get()).as("the end and the start in flight together").isEqualTo(2);
    }

    @Test
    void aFileOpenedAheadHasItsStartAndItsLastBlockReadBeforeItsReaderAsks() throws IOException {
        Path p = dir.resolve("f");
        byte[] bytes = file(p, FILE_BYTES);
        StubDirectChannel stub = stub(p);
        try (DirectReadChannel ch = channel(stub)) {
            ch.readAheadStart();
            assertThat(read(ch, FILE_BYTES - 100, 100)).isEqualTo(Arrays.copyOfRange(bytes, FILE_BYTES - 100,
                    FILE_BYTES));
            assertThat(read(ch, 0, 100)).isEqualTo(Arrays.copyOf(bytes, 100));
            assertThat(readInPieces(ch, FILE_BYTES)).isEqualTo(bytes);
        }
        assertThat(stub.reads).as("every read made ahead").allMatch(r -> r.startsWith("ahead-"))
                .map(r -> r.substring(r.indexOf('@') + 1))
                .containsExactlyInAnyOrder("0", "" + LAST_BLOCK, "" + RANGE, "" + 2 * RANGE, "" + 3 * RANGE,
                        "" + 4 * RANGE);
    }

    @Test
    void aFileNoLongerThanARangeOpenedAheadIsReadWithOneRequest() throws IOException {
        Path p = dir.resolve("f");
        int size = RANGE - 1000;
        byte[] bytes = file(p, size);
        StubDirectChannel stub = stub(p);
        try (DirectReadChannel ch = channel(stub)) {
            ch.readAheadStart();
            assertThat(read(ch, size - 10, 10)).isEqualTo(Arrays.copyOfRange(bytes, size - 10, size));
            assertThat(read(ch, 0, size)).isEqualTo(bytes);
        }
        assertThat(stub.reads).hasSize(1).allMatch(r -> r.startsWith("ahead-") && r.endsWith("@0"));
    }

    /** Reads {@code [from, to)} front to back in pieces that never line up with blocks. */
    private static byte[] readSpan(FileChannel ch, long from, long to) throws IOException {
        ByteBuffer all = ByteBuffer.allocate((int) (to - from));
        ByteBuffer piece = ByteBuffer.allocate(1000);
        for (long pos = from; pos < to; ) {
            int n = ch.read(piece.clear().limit((int) Math.min(1000, to - pos)), pos);
            all.put(piece.flip());
            pos += n;
        }
        return all.array();
    }

    private static List<Long> positions(StubDirectChannel stub) {
        return stub.reads.stream().map(r -> Long.parseLong(r.substring(r.indexOf('@') + 1))).toList();
    }

    /** Reads {@code [from, to)} of a file of eight ranges after telling its channel so; returns what it fetched. */
    private StubDirectChannel readThroughWindow(boolean shared, long from, long to) throws IOException {
        Path p = dir.resolve("f");
        byte[] bytes = file(p, 8 * RANGE);
        StubDirectChannel stub = stub(p);
        try (DirectReadChannel ch = new DirectReadChannel(stub, BLOCK, RANGE, pool, new ReadLane(helpers, 2), null,
                shared)) {
            ch.readWindow(from, to);
            assertThat(readSpan(ch, from, to)).isEqualTo(Arrays.copyOfRange(bytes, (int) from, (int) to));
        }
        return stub;
    }

    @Test
    void aReaderThatJumpedAheadFetchesNothingPastItsWindowAndHasItsStartReadAhead() throws IOException {
        // the second of two reader threads: rows in the middle of a row group, another thread's after them
        StubDirectChannel stub = readThroughWindow(false, 2L * RANGE + 100, 4L * RANGE + 50);

        assertThat(stub.reads).as("all read ahead").allMatch(r -> r.startsWith("ahead-"));
        assertThat(positions(stub)).containsExactlyInAnyOrder(2L * RANGE, 3L * RANGE);
        // the second range reaches the window's last block rather than leaving it a request of its own
        assertThat(stub.asked).containsExactlyInAnyOrder(RANGE, RANGE + BLOCK);
    }

    @Test
    void aReaderSharingTheFileWithOtherThreadsFetchesNothingPastItsFirstWindowThoughItStartsTheFile()
            throws IOException {
        // the first of two reader threads: a row group's first rows, the other thread's after them
        StubDirectChannel stub = readThroughWindow(true, 10, 2L * RANGE + 50);

        assertThat(positions(stub)).containsExactlyInAnyOrder(0L, (long) RANGE);
        assertThat(stub.asked).containsExactlyInAnyOrder(RANGE, RANGE + BLOCK);
    }

    @Test
    void windowsReadOneAfterTheOtherFromTheFilesStartLeaveTheReadAheadRunningAcrossTheirEnds() throws IOException {
        // one reader thread reading batch after batch: the next batch's bytes are its own
        Path p = dir.resolve("f");
        int size = 8 * RANGE;
        byte[] bytes = file(p, size);
        StubDirectChannel stub = stub(p);
        stub.readMillis = 20;
        try (DirectReadChannel ch = channel(stub)) {
            ch.readWindow(10, 2L * RANGE);
            assertThat(readSpan(ch, 10, 2L * RANGE)).isEqualTo(Arrays.copyOfRange(bytes, 10, 2 * RANGE));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (positions(stub).stream().noneMatch(at -> at >= 2L * RANGE) && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // a lane thread starts what was asked for when it gets a core
            }
            assertThat(positions(stub)).as("ranges past the first window asked for before the second window")
                    .anyMatch(at -> at >= 2L * RANGE);
            ch.readWindow(2L * RANGE - 10, 4L * RANGE);
            assertThat(readSpan(ch, 2L * RANGE - 10, 4L * RANGE))
                    .isEqualTo(Arrays.copyOfRange(bytes, 2 * RANGE - 10, 4 * RANGE));
        }
        assertThat(stub.asked).as("whole ranges").allMatch(n -> n == RANGE);
    }

    @Test
    void aRangeHardlyUsedStartsNoReadAhead() throws IOException {
        // a format walking page headers reads a few bytes at the start of each range: no range after is wanted
        Path p = dir.resolve("f");
        byte[] bytes = file(p, FILE_BYTES);
        StubDirectChannel stub = stub(p);
        try (DirectReadChannel ch = channel(stub)) {
            assertThat(read(ch, 4, 30)).isEqualTo(Arrays.copyOfRange(bytes, 4, 34));
            assertThat(read(ch, RANGE + 100, 30)).isEqualTo(Arrays.copyOfRange(bytes, RANGE + 100, RANGE + 130));
        }
        assertThat(stub.reads).containsExactly(caller() + "@0", caller() + "@" + RANGE);
    }

    @Test
    void withoutReadAheadTheCallerReadsEveryRange() throws IOException {
        Path p = dir.resolve("f");
        byte[] bytes = file(p, FILE_BYTES);
        StubDirectChannel stub = stub(p);
        try (DirectReadChannel ch = new DirectReadChannel(stub, BLOCK, RANGE, pool)) {
            ch.readAheadStart(); // nothing without a lane
            assertThat(readInPieces(ch, FILE_BYTES)).isEqualTo(bytes);
        }
        assertThat(stub.reads).hasSize(5).allMatch(r -> r.startsWith(caller() + "@"));
    }

    @Test
    void aJumpElsewhereGetsTheRightBytesAndIsReadByTheCaller() throws IOException {
        Path p = dir.resolve("f");
        byte[] bytes = file(p, FILE_BYTES);
        StubDirectChannel stub = stub(p);
        try (DirectReadChannel ch = channel(stub)) {
            read(ch, 5, RANGE - 10); // fills [0, 64 KiB), read on into: the next three ranges are read ahead
            assertThat(read(ch, 4 * RANGE + 7, 10)).isEqualTo(Arrays.copyOfRange(bytes, 4 * RANGE + 7,
                    4 * RANGE + 17));
        }
        assertThat(stub.reads).contains(caller() + "@0", caller() + "@" + 4 * RANGE);
    }

    @Test
    void aReadAheadThatFailsIsReadAgainByTheReaderWhoseReadFails() throws IOException {
        Path p = dir.resolve("f");
        file(p, FILE_BYTES);
        StubDirectChannel stub = stub(p);
        stub.failAt = RANGE;
        try (DirectReadChannel ch = channel(stub)) {
            read(ch, 5, RANGE - 10);
            assertThatThrownBy(() -> read(ch, RANGE + 5, 10)).isInstanceOf(IOException.class)
                    .hasMessage("Input/output error");
        }
        assertThat(stub.reads).contains(caller() + "@" + RANGE).anyMatch(r -> r.matches("ahead-\\d+@" + RANGE));
    }

    @Test
    void closeWaitsForTheReadsInFlightBeforeGivingTheirBuffersBack() throws Exception {
        Path p = dir.resolve("f");
        file(p, FILE_BYTES);
        StubDirectChannel stub = stub(p);
        DirectReadChannel ch = channel(stub);
        read(ch, 5, RANGE - 10); // reads the next three ranges ahead
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stub.bytesReturned.get() < 4L * RANGE && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until all four are read (a busy machine may start them late)
        }
        stub.readMillis = 300; // the read ahead started now is slow
        read(ch, RANGE + 5, RANGE - 10); // reads the range after the three ahead
        String fifth = "@" + 4 * RANGE;
        while ((stub.reading.get() == 0 || stub.reads.stream().noneMatch(r -> r.endsWith(fifth)))
                && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until it is on the device
        }
        assertThat(stub.reading.get()).isPositive();

        ch.close();

        assertThat(stub.reading.get()).as("reads still running once closed").isZero();
        assertThat(pool.capacities()).as("every range's buffer").hasSize(DirectReadChannel.KEPT_RANGES
                + DirectReadChannel.AHEAD_RANGES);
        assertThat(List.copyOf(stub.reads)).anyMatch(r -> r.endsWith(fifth));
    }
}
