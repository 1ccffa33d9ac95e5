package org.dlioparquet.core.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dlioparquet.core.spi.ObjectReader;
import org.dlioparquet.core.spi.ObjectWriter;
import org.dlioparquet.core.spi.ReadOptions;
import org.dlioparquet.core.spi.Storage;
import org.dlioparquet.core.spi.StorageEntry;
import org.dlioparquet.core.spi.StorageRegistry;
import org.dlioparquet.core.spi.WriteMode;
import org.dlioparquet.core.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** The S3 back-end against a real S3 server (S3Proxy) in this JVM. */
class S3StorageTest {
    private static final int MIB = 1 << 20;
    private static S3TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new S3TestServer();
        server.createBucket("data");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Storage open(String prefix, Map<String, Object> options) throws IOException {
        return StorageRegistry.loadDefault().open(server.storage("data", options), null, prefix);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] get(String key) {
        return server.direct.getObjectAsBytes(g -> g.bucket("data").key(key)).asByteArray();
    }

    private static long write(Storage s, String location, WriteMode mode, byte[] bytes, int chunk) throws IOException {
        try (ObjectWriter w = s.create(location, mode)) {
            for (int at = 0; at < bytes.length; at += chunk) {
                w.write(ByteBuffer.wrap(bytes, at, Math.min(chunk, bytes.length - at)));
            }
            return w.publish(false);
        }
    }

    @Test
    void smallObjectIsOnePutAndAppearsOnlyOnPublish() throws IOException {
        byte[] bytes = random(100_000, 1);
        try (Storage s = open("run1", Map.of())) {
            assertThat(s.name()).isEqualTo("s3://data/run1");
            assertThat(s.name("train/a.npz")).isEqualTo("s3://data/run1/train/a.npz");
            try (ObjectWriter w = s.create("train/a.npz", WriteMode.SEQUENTIAL)) {
                w.write(ByteBuffer.wrap(bytes));
                assertThat(s.exists("train/a.npz")).isFalse();
                assertThat(w.publish(false)).isEqualTo(bytes.length);
            }
            assertThat(get("run1/train/a.npz")).isEqualTo(bytes);
            assertThat(s.size("train/a.npz")).isEqualTo(bytes.length);
            assertThatThrownBy(() -> s.size("train/missing.npz")).isInstanceOf(NoSuchFileException.class)
                    .hasMessage("s3://data/run1/train/missing.npz");
        }
    }

    @Test
    void largeSequentialObjectStreamsAsMultipartInBoundedBuffers() throws IOException {
        byte[] bytes = random(10 * MIB + 12345, 2);
        try (Storage s = open("ckpt", Map.of("s3_part_size", 5 * MIB, "s3_requests_in_flight", 2))) {
            long before = ((S3Storage) s).httpRequests();
            assertThat(write(s, "model.pt", WriteMode.SEQUENTIAL, bytes, 64 * 1024)).isEqualTo(bytes.length);
            // create + 3 parts + complete
            assertThat(((S3Storage) s).httpRequests() - before).isEqualTo(5);
        }
        assertThat(get("ckpt/model.pt")).isEqualTo(bytes);
        assertThat(server.direct.listMultipartUploads(l -> l.bucket("data")).uploads()).isEmpty();
    }

    @Test
    void unpublishedWritesLeaveNothingBehind() throws IOException {
        try (Storage s = open("gone", Map.of("s3_part_size", 5 * MIB))) {
            try (ObjectWriter w = s.create("big.bin", WriteMode.SEQUENTIAL)) {
                w.write(ByteBuffer.wrap(random(6 * MIB, 3))); // one part already uploaded
            }
            try (ObjectWriter w = s.create("patched.npz", WriteMode.SEEKABLE)) {
                w.write(ByteBuffer.wrap(random(1000, 4)));
            }
            assertThat(s.exists("big.bin")).isFalse();
            assertThat(s.exists("patched.npz")).isFalse();
        }
        assertThat(server.direct.listMultipartUploads(l -> l.bucket("data")).uploads()).isEmpty();
    }

    @Test
    void seekableWriterPatchesBytesThenUploads() throws IOException {
        byte[] body = random(6 * MIB, 5);
        try (Storage s = open("npz", Map.of("s3_part_size", 5 * MIB))) {
            try (ObjectWriter w = s.create("f.npz", WriteMode.SEEKABLE)) {
                w.write(ByteBuffer.wrap(new byte[8]));
                w.write(ByteBuffer.wrap(body));
                w.position(0);
                w.write(ByteBuffer.wrap("PATCHED!".getBytes()));
                try (ObjectReader back = w.readBack()) {
                    ByteBuffer head = ByteBuffer.allocate(8);
                    back.read(head, 0);
                    assertThat(new String(head.array())).isEqualTo("PATCHED!");
                }
                w.position(w.size());
                assertThat(w.publish(false)).isEqualTo(8 + body.length);
            }
            assertThatThrownBy(() -> {
                try (ObjectWriter w = s.create("g.npz", WriteMode.SEQUENTIAL)) {
                    w.write(ByteBuffer.wrap(new byte[10]));
                    w.position(0);
                }
            }).isInstanceOf(IOException.class).hasMessageContaining("s3://data/npz/g.npz").hasMessageContaining("SEEKABLE");
        }
        byte[] stored = get("npz/f.npz");
        assertThat(new String(stored, 0, 8)).isEqualTo("PATCHED!");
        assertThat(Arrays.copyOfRange(stored, 8, stored.length)).isEqualTo(body);
    }

    @Test
    void readsAreRangedGetsWithReadAheadAndMergedPrefetch() throws IOException {
        byte[] bytes = random(3 * MIB, 6);
        server.direct.putObject(p -> p.bucket("data").key("read/f.parquet"), RequestBody.fromBytes(bytes));
        Map<String, Object> tuning = Map.of("s3_read_ahead", 256 * 1024, "s3_read_part_size", 256 * 1024,
                "s3_requests_in_flight", 4);
        try (Storage s = open("read", tuning)) {
            // a known size (from the manifest) saves the HEAD
            try (ObjectReader r = s.openRead("f.parquet", ReadOptions.defaults().withKnownSize(bytes.length))) {
                assertThat(r.requests()).isZero();
                ByteBuffer small = ByteBuffer.allocate(100);
                assertThat(r.read(small, 1000)).isEqualTo(100);
                assertThat(small.array()).isEqualTo(Arrays.copyOfRange(bytes, 1000, 1100));
                assertThat(r.requests()).isEqualTo(1);
                assertThat(r.bytesFetched()).as("a read somewhere new: 64 KiB, not a window").isEqualTo(64 * 1024);
                // the next sample is already fetched: no request
                ByteBuffer next = ByteBuffer.allocate(1000);
                r.read(next, 1100);
                // ... and that read continued the last one: a scan, whose next window is now in flight; reading
                // into it (not in sequence, so nothing more is fetched) waits for that one GET
                ByteBuffer later = ByteBuffer.allocate(10);
                r.read(later, 300_000);
                assertThat(later.array()).isEqualTo(Arrays.copyOfRange(bytes, 300_000, 300_010));
                assertThat(r.requests()).isEqualTo(2);
                assertThat(r.bytesFetched()).isEqualTo(64 * 1024 + 256 * 1024);
                // a row group as one merged range, fetched in parallel parts, then read column by column
                long before = r.requests();
                r.prefetch(MIB, MIB);
                FileChannel ch = r.asFileChannel();
                for (int col = 3; col >= 0; col--) {
                    ByteBuffer chunk = ByteBuffer.allocate(MIB / 4);
                    long at = MIB + (long) col * MIB / 4;
                    while (chunk.hasRemaining()) {
                        ch.read(chunk, at + chunk.position());
                    }
                    assertThat(chunk.array()).isEqualTo(Arrays.copyOfRange(bytes, (int) at, (int) at + MIB / 4));
                }
                assertThat(r.requests() - before).isEqualTo(4); // 1 MiB in parts of 256 KiB, nothing more
                assertThat(ch.size()).isEqualTo(bytes.length);
                ByteBuffer tail = ByteBuffer.allocate(10);
                assertThat(r.read(tail, bytes.length - 4)).isEqualTo(4);
                assertThat(r.read(tail, bytes.length)).isEqualTo(-1);
            }
            try (ObjectReader r = s.openRead("f.parquet", ReadOptions.defaults())) {
                assertThat(r.size()).isEqualTo(bytes.length);
                assertThat(r.requests()).isEqualTo(1); // the HEAD
            }
            // opened ahead of its reader: a large object's last 64 KiB are fetched, or all of it when
            // the budget allows; a small one whole
            try (ObjectReader r = s.openRead("f.parquet", ReadOptions.defaults().withKnownSize(bytes.length))) {
                assertThat(r.prefetchOpening(bytes.length - 1)).isEqualTo(64 * 1024);
                ByteBuffer end = ByteBuffer.allocate(8);
                assertThat(r.read(end, bytes.length - 8)).isEqualTo(8);
                assertThat(r.read(ByteBuffer.allocate(100), bytes.length - 64 * 1024)).isEqualTo(100);
                assertThat(r.requests()).isEqualTo(1);
                assertThat(r.bytesFetched()).isEqualTo(64 * 1024);
            }
            try (ObjectReader r = s.openRead("f.parquet", ReadOptions.defaults().withKnownSize(bytes.length))) {
                assertThat(r.prefetchOpening(bytes.length)).isEqualTo(bytes.length);
                ByteBuffer all = ByteBuffer.allocate(bytes.length);
                while (all.hasRemaining()) {
                    r.read(all, all.position());
                }
                assertThat(all.array()).isEqualTo(bytes);
                assertThat(r.requests()).as("in parts of 256 KiB, nothing more").isEqualTo(12);
            }
            server.direct.putObject(p -> p.bucket("data").key("read/small.npz"), RequestBody.fromBytes(
                    Arrays.copyOf(bytes, 200_000)));
            try (ObjectReader r = s.openRead("small.npz", ReadOptions.defaults().withKnownSize(200_000))) {
                assertThat(r.prefetchOpening(0)).as("within the read-ahead window").isEqualTo(200_000);
                ByteBuffer all = ByteBuffer.allocate(200_000);
                while (all.hasRemaining()) {
                    r.read(all, all.position());
                }
                assertThat(all.array()).isEqualTo(Arrays.copyOf(bytes, 200_000));
                assertThat(r.requests()).isEqualTo(1);
            }
            // a Parquet reader's first reads: the end magic and footer length, then the footer before
            // them; the first fetches the object's last 64 KiB, which holds the second
            try (ObjectReader r = s.openRead("f.parquet", ReadOptions.defaults().withKnownSize(bytes.length))) {
                ByteBuffer end = ByteBuffer.allocate(8);
                assertThat(r.read(end, bytes.length - 8)).isEqualTo(8);
                ByteBuffer footer = ByteBuffer.allocate(30_000);
                assertThat(r.read(footer, bytes.length - 8 - 30_000)).isEqualTo(30_000);
                assertThat(footer.array()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 30_008, bytes.length - 8));
                assertThat(r.requests()).isEqualTo(1);
                assertThat(r.bytesFetched()).isEqualTo(64 * 1024);
            }
            assertThatThrownBy(() -> s.openRead("nope.parquet", ReadOptions.defaults()))
                    .isInstanceOf(NoSuchFileException.class).hasMessage("s3://data/read/nope.parquet");
        }
    }

    @Test
    void aRemainderOfAtMostAQuarterPartRidesWithTheLastPart() throws IOException {
        // whole parts and a footer: 4 parts of 256 KiB and 40,000 bytes, then one byte past a quarter part
        byte[] footed = random(MIB + 40_000, 31);
        byte[] longer = random(MIB + 64 * 1024 + 1, 32);
        server.direct.putObject(p -> p.bucket("data").key("rem/footed.parquet"), RequestBody.fromBytes(footed));
        server.direct.putObject(p -> p.bucket("data").key("rem/longer.parquet"), RequestBody.fromBytes(longer));
        Map<String, Object> tuning = Map.of("s3_read_ahead", 256 * 1024, "s3_read_part_size", 256 * 1024,
                "s3_requests_in_flight", 4);
        try (Storage s = open("rem", tuning)) {
            for (byte[] expected : List.of(footed, longer)) {
                String name = expected == footed ? "footed.parquet" : "longer.parquet";
                try (ObjectReader r = s.openRead(name, ReadOptions.defaults().withKnownSize(expected.length))) {
                    assertThat(r.prefetchOpening(expected.length)).isEqualTo(expected.length);
                    ByteBuffer all = ByteBuffer.allocate(expected.length);
                    while (all.hasRemaining()) {
                        r.read(all, all.position());
                    }
                    assertThat(all.array()).as(name).isEqualTo(expected);
                    assertThat(r.requests()).as(name).isEqualTo(expected == footed ? 4 : 5);
                    assertThat(r.bytesFetched()).as(name).isEqualTo(expected.length);
                }
            }
        }
    }

    @Test
    void partArraysAreReusedAcrossObjectsWithoutMixingTheirBytes() throws IOException {
        byte[] a = random(3 * MIB, 21);
        byte[] b = random(3 * MIB, 22);
        server.direct.putObject(p -> p.bucket("data").key("reuse/a.bin"), RequestBody.fromBytes(a));
        server.direct.putObject(p -> p.bucket("data").key("reuse/b.bin"), RequestBody.fromBytes(b));
        // 256 KiB parts, at most 512 KiB kept per object: a scan drops parts as it goes
        Map<String, Object> tuning = Map.of("s3_read_ahead", 256 * 1024, "s3_read_part_size", 256 * 1024,
                "s3_read_buffer", 512 * 1024, "s3_requests_in_flight", 2);
        try (Storage s = open("reuse", tuning)) {
            PartBuffers pool = ((S3Storage) s).partBuffers();
            int keptAfterFirstRound = 0;
            for (int round = 0; round < 2; round++) {
                for (String name : List.of("a.bin", "b.bin")) {
                    byte[] expected = name.equals("a.bin") ? a : b;
                    try (ObjectReader r = s.openRead(name, ReadOptions.defaults().withKnownSize(expected.length))) {
                        ByteBuffer all = ByteBuffer.allocate(expected.length);
                        while (all.hasRemaining()) {
                            all.limit(Math.min(expected.length, all.position() + 100_000));
                            r.read(all, all.position());
                            all.limit(expected.length);
                        }
                        assertThat(all.array()).as("%s, round %d", name, round).isEqualTo(expected);
                    }
                }
                // parts dropped by the scan and those left at close wait for the next object; the
                // second round finds all it needs there
                assertThat(pool.kept()).isPositive().isLessThanOrEqualTo(4);
                if (round == 0) {
                    keptAfterFirstRound = pool.kept();
                } else {
                    assertThat(pool.kept()).isEqualTo(keptAfterFirstRound);
                }
            }
        }
    }

    @Test
    void listingPagesThroughPrefixesAndFolders() throws IOException {
        try (Storage s = open("list", Map.of("s3_list_page_size", 3))) {
            for (int i = 0; i < 7; i++) {
                write(s, "train/img_" + i + "_of_7.npz", WriteMode.SEQUENTIAL, new byte[i], 1 + i);
            }
            write(s, "train/sub/x.npz", WriteMode.SEQUENTIAL, new byte[1], 1);
            write(s, "train/other.txt", WriteMode.SEQUENTIAL, new byte[1], 1);
            List<StorageEntry> entries = s.list("train", "img_");
            assertThat(entries).hasSize(7);
            assertThat(entries.get(3)).isEqualTo(new StorageEntry("img_3_of_7.npz", 3, false));
            assertThat(s.list("train", "")).extracting(StorageEntry::name).contains("sub", "other.txt").hasSize(9);
            assertThat(s.list("train", "").stream().filter(StorageEntry::folder)).extracting(StorageEntry::name)
                    .containsExactly("sub");
            Storage train = s.folder("train");
            assertThat(train.name("img_0_of_7.npz")).isEqualTo("s3://data/list/train/img_0_of_7.npz");
            assertThat(train.delete("img_0_of_7.npz")).isTrue();
            assertThat(train.delete("img_0_of_7.npz")).isFalse();
            assertThat(s.usableSpace()).isEmpty();
        }
    }
}
