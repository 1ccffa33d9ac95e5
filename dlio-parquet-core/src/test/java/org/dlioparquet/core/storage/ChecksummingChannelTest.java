package org.dlioparquet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksummingChannelTest {
    @TempDir
    Path dir;

    private static int crcOf(byte[] b) {
        CRC32C c = new CRC32C();
        c.update(b);
        return (int) c.getValue();
    }

    @Test
    void frontToBackWritesGiveTheFilesCrc() throws IOException {
        Path f = dir.resolve("a");
        try (ChecksummingChannel ch = new ChecksummingChannel(FileChannel.open(f, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE))) {
            ch.write(ByteBuffer.wrap("hello ".getBytes()));
            ByteBuffer direct = ByteBuffer.allocateDirect(5).put("world".getBytes()).flip();
            ch.write(direct);
            assertThat(ch.crc32c()).hasValue(crcOf(Files.readAllBytes(f)));
        }
    }

    @Test
    void seekingBackToPatchMakesItUnknown() throws IOException {
        Path f = dir.resolve("b");
        try (ChecksummingChannel ch = new ChecksummingChannel(FileChannel.open(f, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE))) {
            ch.write(ByteBuffer.wrap("header body".getBytes()));
            ch.position(0);
            ch.write(ByteBuffer.wrap("HEADER".getBytes()));
            assertThat(ch.crc32c()).isEmpty();
        }
    }

    private ChecksummingChannel open(String name) throws IOException {
        return new ChecksummingChannel(FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE));
    }

    private static ByteBuffer slice(byte[] bytes, int from, int to) {
        return ByteBuffer.allocateDirect(to - from).put(bytes, from, to - from).flip();
    }

    @Test
    void rangesWrittenAtTheirPlacesByTwoThreadsInAnyOrderGiveTheFilesCrc() throws Exception {
        byte[] bytes = new byte[3 << 20];
        new SplittableRandom(3).nextBytes(bytes);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (ChecksummingChannel ch = open("ranges")) {
            PositionalWriter at = ch.positionalWriter().orElseThrow();
            ch.write(slice(bytes, 0, 100)); // a head written front to back, as the magic number
            // the second half from another thread, back to front; the first half here, front to back
            Future<?> second = other.submit(() -> {
                at.write(slice(bytes, 2 << 20, 3 << 20), 2 << 20);
                at.write(slice(bytes, 1_500_000, 2 << 20), 1_500_000);
                return null;
            });
            at.write(slice(bytes, 100, 1_000_000), 100);
            at.write(ByteBuffer.allocate(0), 5_000_000); // writes nothing, anywhere
            at.write(slice(bytes, 1_000_000, 1_500_000), 1_000_000);
            second.get();

            assertThat(Files.readAllBytes(dir.resolve("ranges"))).isEqualTo(bytes);
            assertThat(ch.crc32c()).hasValue(crcOf(bytes));
        } finally {
            other.shutdown();
        }
    }

    @Test
    void rangesWithAGapOrAnOverlapMakeItUnknown() throws IOException {
        byte[] bytes = new byte[1000];
        new SplittableRandom(5).nextBytes(bytes);
        try (ChecksummingChannel gap = open("gap"); ChecksummingChannel overlap = open("overlap")) {
            gap.positionalWriter().orElseThrow().write(slice(bytes, 0, 400), 0);
            gap.positionalWriter().orElseThrow().write(slice(bytes, 500, 1000), 500);
            assertThat(gap.crc32c()).as("bytes 400-499 were never written").isEmpty();

            overlap.write(slice(bytes, 0, 600));
            overlap.positionalWriter().orElseThrow().write(slice(bytes, 500, 1000), 500);
            assertThat(overlap.crc32c()).as("bytes 500-599 were written twice").isEmpty();
        }
    }

    @Test
    void truncatingARangeMakesItUnknown() throws IOException {
        try (ChecksummingChannel ch = open("truncated")) {
            ch.positionalWriter().orElseThrow().write(ByteBuffer.wrap(new byte[100]), 0);
            ch.truncate(50);
            assertThat(ch.crc32c()).isEmpty();
        }
    }

    @Test
    void positionalWritesPassOnlyThroughLayersThatTakeThem() throws IOException {
        FileChannel file = FileChannel.open(dir.resolve("layers"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try (ChecksummingChannel overFile = new ChecksummingChannel(file)) {
            assertThat(overFile.positionalWriter()).isPresent();
            // a layer that does not pass them on (it may count or upload what it is given) hides them
            assertThat(new ChecksummingChannel(new ForwardingChannel(file)).positionalWriter()).isEmpty();
            assertThat(new ChecksummingChannel(new ChecksummingChannel(file)).positionalWriter()).isPresent();
        }
    }
}
