package org.dlioparquet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.testing.DirectIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadChannelsTest {
    @TempDir
    Path dir;

    private Path file(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(1).nextBytes(bytes);
        Path f = dir.resolve("data.bin");
        Files.write(f, bytes);
        return f;
    }

    @Test
    void unalignedReadsThroughODirectReturnTheFileBytes() throws IOException {
        int size = 3 * (1 << 20) + 12345;
        Path f = file(size);
        assumeTrue(DirectIo.works(f), "the test folder's file system refuses O_DIRECT");
        byte[] expected = Files.readAllBytes(f);
        Random r = new Random(2);
        try (FileChannel c = ReadChannels.open(f, true)) {
            assertThat(c.size()).isEqualTo(size);
            for (int i = 0; i < 200; i++) {
                int pos = r.nextInt(size);
                int len = 1 + r.nextInt(Math.min(2 << 20, size - pos + 100));
                ByteBuffer dst = r.nextBoolean() ? ByteBuffer.allocate(len) : ByteBuffer.allocateDirect(len);
                int n = c.read(dst, pos);
                int expectLen = Math.min(len, size - pos);
                assertThat(n).isEqualTo(expectLen);
                byte[] got = new byte[n];
                dst.flip().get(got);
                assertThat(got).isEqualTo(Arrays.copyOfRange(expected, pos, pos + n));
            }
            assertThat(c.read(ByteBuffer.allocate(10), size)).isEqualTo(-1);
            ByteBuffer aligned = ByteBuffer.allocateDirect(8192 + 4096).alignedSlice(4096);
            aligned.limit(8192);
            assertThat(c.read(aligned, 4096)).isEqualTo(8192);
            byte[] got = new byte[8192];
            aligned.flip().get(got);
            assertThat(got).isEqualTo(Arrays.copyOfRange(expected, 4096, 4096 + 8192));
        }
    }

    @Test
    void sequentialReadsAdvanceThePosition() throws IOException {
        Path f = file(10_000);
        assumeTrue(DirectIo.works(f), "the test folder's file system refuses O_DIRECT");
        try (FileChannel c = ReadChannels.open(f, true)) {
            ByteBuffer b = ByteBuffer.allocate(3000);
            assertThat(c.read(b)).isEqualTo(3000);
            assertThat(c.position()).isEqualTo(3000);
            b.clear();
            c.position(9000);
            assertThat(c.read(b)).isEqualTo(1000);
            assertThat(c.read(b)).isEqualTo(-1);
        }
    }

    @Test
    void aFileSystemThatRefusesODirectGivesAClearError() throws IOException {
        Path folder = DirectIo.refusingFolder();
        Path f = Files.write(folder.resolve("f.bin"), new byte[100]);
        try {
            assertThatThrownBy(() -> ReadChannels.open(f, true))
                    .isInstanceOf(DirectIoUnsupportedException.class)
                    .hasMessageStartingWith(f + ": the file system refuses O_DIRECT (reader.odirect: True)");
        } finally {
            Files.deleteIfExists(f);
            Files.deleteIfExists(folder);
        }
    }

    @Test
    void anOpenRefusedWithInvalidArgumentIsReportedAsODirectUnsupported() throws IOException {
        Path f = file(100);

        assertThatThrownBy(() -> ReadChannels.openDirect(f, p -> {
            throw new FileSystemException(p.toString(), null, "Invalid argument");
        }))
                .isInstanceOf(DirectIoUnsupportedException.class)
                .hasMessage(f + ": the file system refuses O_DIRECT (reader.odirect: True): Invalid argument; run "
                        + "without reader.odirect or on a file system that supports it");
        assertThatThrownBy(() -> ReadChannels.openDirect(dir.resolve("missing"), p -> FileChannel.open(p)))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aFileSystemThatAcceptsTheFlagButRefusesTheFirstReadGivesTheSameClearErrorAndClosesTheChannel()
            throws IOException {
        Path f = file(100);
        ReadChannels.forgetDirectories();
        List<StubDirectChannel> opened = new ArrayList<>();

        assertThatThrownBy(() -> ReadChannels.openDirect(f, p -> {
            StubDirectChannel c = new StubDirectChannel(FileChannel.open(p), true);
            opened.add(c);
            return c;
        }))
                .isInstanceOf(DirectIoUnsupportedException.class)
                .hasMessage(f + ": the file system refuses O_DIRECT (reader.odirect: True): Invalid argument; run "
                        + "without reader.odirect or on a file system that supports it");
        assertThat(opened).singleElement().satisfies(c -> {
            assertThat(c.positionalReads).isEqualTo(1);
            assertThat(c.isOpen()).as("closed after the refused read").isFalse();
        });
    }

    @Test
    void aDirectoryWhoseFileSystemHasServedADirectReadIsNotProbedAgain() throws IOException {
        Path a = file(100);
        Path b = dir.resolve("other.bin");
        Files.write(b, new byte[5000]);
        ReadChannels.forgetDirectories();
        List<StubDirectChannel> opened = new ArrayList<>();
        ReadChannels.DirectOpener opener = p -> {
            StubDirectChannel c = new StubDirectChannel(FileChannel.open(p), false);
            opened.add(c);
            return c;
        };

        for (Path p : List.of(a, b, a)) {
            try (FileChannel c = ReadChannels.openDirect(p, opener)) {
                assertThat(c).isInstanceOf(DirectReadChannel.class);
                assertThat(((DirectReadChannel) c).blockSize()).isBetween(4096, 1 << 16);
            }
        }
        int spare = ReadChannels.bounceBuffersKept().size();
        try (FileChannel c = ReadChannels.openDirect(b, opener)) {
            ByteBuffer dst = ByteBuffer.allocate(10);
            assertThat(c.read(dst, 4995)).isEqualTo(5);
            assertThat(ReadChannels.bounceBuffersKept()).as("a bounce buffer is reused").hasSize(spare - 1);
        }
        assertThat(ReadChannels.bounceBuffersKept()).as("and given back on close").hasSize(spare);
        if (HugePageMemory.available()) {
            // in huge-page memory: whole 2 MiB pages, so that a bounce range is one device request
            assertThat(ReadChannels.bounceBuffersKept()).isNotEmpty()
                    .allSatisfy(capacity -> assertThat(capacity % HugePageMemory.HUGE_PAGE).isZero());
        }

        assertThat(opened).extracting(c -> c.positionalReads).containsExactly(1, 0, 0, 1);
        assertThat(opened).allSatisfy(c -> assertThat(c.isOpen()).isFalse());
    }

    @Test
    void unalignedReadsInsideWhatTheBounceBufferHoldsCostNoFurtherRequest() throws IOException {
        byte[] bytes = new byte[ReadChannels.DIRECT_BOUNCE_BYTES * 3 / 2 + 17];
        new Random(7).nextBytes(bytes);
        Path f = Files.write(dir.resolve("big.bin"), bytes);
        ReadChannels.forgetDirectories();
        List<StubDirectChannel> opened = new ArrayList<>();
        ReadChannels.DirectOpener opener = p -> {
            StubDirectChannel c = new StubDirectChannel(FileChannel.open(p), false);
            opened.add(c);
            return c;
        };

        try (FileChannel c = ReadChannels.openDirect(f, opener)) {
            ByteBuffer header = ByteBuffer.allocate(100);
            assertThat(c.read(header, 10)).isEqualTo(100);
            ByteBuffer value = ByteBuffer.allocate(300_000);
            assertThat(c.read(value, 5000)).isEqualTo(300_000);
            int before = opened.get(0).positionalReads;
            ByteBuffer tail = ByteBuffer.allocate(8192);
            // crosses the end of what the buffer holds: one more request, then the end of the file
            assertThat(c.read(tail, bytes.length - 4000)).isEqualTo(4000);

            assertThat(before).as("the header read filled the buffer; the value came from it").isEqualTo(1);
            assertThat(opened.get(0).positionalReads).isEqualTo(2);
            assertThat(Arrays.copyOf(header.array(), 100)).isEqualTo(Arrays.copyOfRange(bytes, 10, 110));
            assertThat(value.array()).isEqualTo(Arrays.copyOfRange(bytes, 5000, 305_000));
            assertThat(Arrays.copyOf(tail.array(), 4000)).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 4000,
                    bytes.length));
            assertThat(c.read(ByteBuffer.allocate(10), bytes.length)).isEqualTo(-1);
        }
    }

    @Test
    void aFileOpenedAheadIsTakenByItsReadersOpenAndOneNotReadIsClosedOnRelease() throws IOException {
        int size = 3 * ReadChannels.DIRECT_BOUNCE_BYTES + 500;
        Path f = file(size);
        assumeTrue(DirectIo.works(f), "the test folder's file system refuses O_DIRECT");
        byte[] expected = Files.readAllBytes(f);
        ReaderSettings settings = new ReaderSettings(ElementType.UINT8, List.of(), true,
                ReaderSettings.DEFAULT_IO_BUFFER, ReaderSettings.DEFAULT_MAX_VALUE_BYTES).withOdirectReadAhead(true);
        StorageTraffic traffic = ReadChannels.directTraffic();

        StorageTraffic.Snapshot before = traffic.snapshot();
        ReadChannels.openAhead(f, false);
        try (FileChannel c = ReadChannels.open(f, settings)) {
            ReadChannels.releaseOpenedAhead(f); // taken by the open: nothing left to release
            ByteBuffer all = ByteBuffer.allocate(size);
            while (all.hasRemaining() && c.read(all, all.position()) > 0) {
                continue;
            }
            assertThat(all.array()).isEqualTo(expected);
        }
        StorageTraffic.Snapshot read = traffic.snapshot().minus(before);
        assertThat(read.objectsOpened()).as("one file, opened ahead and read").isEqualTo(1);
        assertThat(read.bytesFetched()).as("each byte once").isEqualTo(size);
        assertThat(read.requests()).as("three 1 MiB ranges and the last block").isEqualTo(4);

        before = traffic.snapshot();
        ReadChannels.openAhead(f, false);
        ReadChannels.releaseOpenedAhead(f);
        StorageTraffic.Snapshot released = traffic.snapshot().minus(before);
        assertThat(released.objectsOpened()).as("closed on release").isEqualTo(1);
        assertThat(released.requests()).as("at most its start and its last block").isLessThanOrEqualTo(2);
        try (FileChannel c = ReadChannels.open(f, settings)) {
            assertThat(c.read(ByteBuffer.allocate(10), 0)).isEqualTo(10);
        }
        assertThat(traffic.snapshot().minus(before).objectsOpened()).as("opened again").isEqualTo(2);
    }

    @Test
    void withoutODirectItIsAPlainChannel() throws IOException {
        Path f = file(100);
        try (FileChannel c = ReadChannels.open(f, false)) {
            assertThat(c).isNotInstanceOf(DirectReadChannel.class);
            assertThat(c.size()).isEqualTo(100);
        }
    }
}
