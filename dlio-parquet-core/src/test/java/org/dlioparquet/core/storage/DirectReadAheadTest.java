package org.dlioparquet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reader.odirect_read_ahead}: the next bounce buffer is read on a helper while the last is used. */
class DirectReadAheadTest {
    private static final int BLOCK = 4096;
    private static final int BOUNCE = 64 << 10;
    /** Four whole bounce buffers and a part of a fifth. */
    private static final int FILE_BYTES = 4 * BOUNCE + 5000;

    @TempDir
    Path dir;

    private final ExecutorService helper = Executors.newSingleThreadExecutor(r -> new Thread(r, "ahead"));
    private final DirectBufferPool pool = new DirectBufferPool(4);

    @AfterEach
    void stop() {
        helper.shutdownNow();
    }

    private byte[] file(Path p) throws IOException {
        byte[] bytes = new byte[FILE_BYTES];
        new Random(7).nextBytes(bytes);
        Files.write(p, bytes);
        return bytes;
    }

    private StubDirectChannel stub(Path p) throws IOException {
        return new StubDirectChannel(FileChannel.open(p, StandardOpenOption.READ), false);
    }

    /** Reads the whole file front to back in pieces that never line up with blocks. */
    private static byte[] readInPieces(FileChannel ch) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(FILE_BYTES + 100);
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

    @Test
    void aFileReadFrontToBackReadsEachRangeOnceWithTheNextOnTheHelper() throws IOException {
        Path p = dir.resolve("f");
        byte[] bytes = file(p);
        StubDirectChannel stub = stub(p);
        try (DirectReadChannel ch = new DirectReadChannel(stub, BLOCK, BOUNCE, pool, helper)) {
            assertThat(readInPieces(ch)).isEqualTo(bytes);
        }
        String caller = Thread.currentThread().getName();
        // the first range is read by the caller; each full one starts the read of the next on the helper;
        // the last, short, starts none (the caller's read at the end of the file asks the block there again)
        int lastBlock = FILE_BYTES / BLOCK * BLOCK;
        assertThat(stub.reads).containsExactly(caller + "@0", "ahead@" + BOUNCE, "ahead@" + 2 * BOUNCE,
                "ahead@" + 3 * BOUNCE, "ahead@" + 4 * BOUNCE, caller + "@" + lastBlock);
        assertThat(pool.capacities()).as("both buffers given back").hasSize(2);
    }

    @Test
    void withoutReadAheadTheCallerReadsEveryRange() throws IOException {
        Path p = dir.resolve("f");
        byte[] bytes = file(p);
        StubDirectChannel stub = stub(p);
        try (DirectReadChannel ch = new DirectReadChannel(stub, BLOCK, BOUNCE, pool, null)) {
            assertThat(readInPieces(ch)).isEqualTo(bytes);
        }
        String caller = Thread.currentThread().getName();
        assertThat(stub.reads).hasSize(6).allMatch(r -> r.startsWith(caller + "@"));
    }

    @Test
    void aJumpElsewhereGetsTheRightBytesAndTheReadAheadIsNotUsedForThem() throws IOException {
        Path p = dir.resolve("f");
        byte[] bytes = file(p);
        StubDirectChannel stub = stub(p);
        try (DirectReadChannel ch = new DirectReadChannel(stub, BLOCK, BOUNCE, pool, helper)) {
            ByteBuffer b = ByteBuffer.allocate(10);
            ch.read(b, 5); // fills [0, 64 KiB) and reads [64, 128 KiB) ahead
            ch.read(b.clear(), 3 * BOUNCE + 7); // elsewhere: read by the caller
            assertThat(b.array()).isEqualTo(Arrays.copyOfRange(bytes, 3 * BOUNCE + 7, 3 * BOUNCE + 17));
        }
        String caller = Thread.currentThread().getName();
        assertThat(stub.reads).startsWith(caller + "@0", "ahead@" + BOUNCE, caller + "@" + 3 * BOUNCE);
    }

    @Test
    void closeWaitsForTheReadInFlightBeforeGivingItsBufferBack() throws Exception {
        Path p = dir.resolve("f");
        file(p);
        StubDirectChannel stub = stub(p);
        DirectReadChannel ch = new DirectReadChannel(stub, BLOCK, BOUNCE, pool, helper);
        ch.read(ByteBuffer.allocate(10), 5);
        stub.readMillis = 300; // the read ahead, started now, is slow
        ch.read(ByteBuffer.allocate(10), BOUNCE + 5);

        ch.close();

        assertThat(stub.reading.get()).as("reads still running once closed").isZero();
        assertThat(pool.capacities()).hasSize(2);
        assertThat(List.copyOf(stub.reads)).contains("ahead@" + 2 * BOUNCE);
    }
}
