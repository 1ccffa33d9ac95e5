package org.dlioparquet.core.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.dlioparquet.core.config.StorageConfig;
import org.dlioparquet.core.config.StorageType;
import org.dlioparquet.core.spi.ObjectReader;
import org.dlioparquet.core.spi.ObjectWriter;
import org.dlioparquet.core.spi.ReadOptions;
import org.dlioparquet.core.spi.Storage;
import org.dlioparquet.core.spi.StorageRegistry;
import org.dlioparquet.core.spi.WriteMode;
import org.dlioparquet.core.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * What a user sees when S3 fails: unreachable endpoint, wrong credentials, missing bucket,
 * throttling and connections dropped mid-object, each one line naming the object, with retries
 * as configured, nothing left that looks complete, and no credential in any message or log line.
 */
class S3FaultsTest {
    private static final int MIB = 1 << 20;
    private static final byte[] OBJECT = new byte[MIB];
    private static S3TestServer server;
    private static FaultProxy faults;

    @BeforeAll
    static void start() throws Exception {
        server = new S3TestServer();
        server.createBucket("data");
        new Random(7).nextBytes(OBJECT);
        server.direct.putObject(p -> p.bucket("data").key("faults/f.bin"), RequestBody.fromBytes(OBJECT));
        faults = new FaultProxy(server.endpoint.getPort());
    }

    @AfterAll
    static void stop() throws Exception {
        faults.close();
        server.close();
    }

    /** A storage whose requests pass through the fault proxy; a fresh connection pool each time. */
    private static Storage viaProxy(String bucket, Map<String, Object> options) throws IOException {
        StorageConfig cfg = S3TestServer.storage(bucket, URI.create("http://127.0.0.1:" + faults.port()), options);
        return StorageRegistry.loadDefault().open(cfg, null, "faults");
    }

    private static void assertOneLineWithoutSecrets(Throwable e) {
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(S3TestServer.SECRET_KEY)
                .doesNotContain(S3TestServer.ACCESS_KEY);
        for (Throwable c = e; c != null; c = c.getCause()) {
            assertThat(String.valueOf(c.getMessage())).doesNotContain(S3TestServer.SECRET_KEY)
                    .doesNotContain(S3TestServer.ACCESS_KEY);
        }
    }

    private static byte[] readAll(ObjectReader r) throws IOException {
        ByteBuffer all = ByteBuffer.allocate((int) r.size());
        while (all.hasRemaining()) {
            r.read(all, all.position());
        }
        return all.array();
    }

    @Test
    void connectionDroppedMidObjectIsResumedFromWhereItStopped() throws IOException {
        Map<String, Object> options = Map.of("s3_max_attempts", 3, "s3_read_part_size", MIB);
        try (Storage s = viaProxy("data", options);
             ObjectReader r = s.openRead("f.bin", ReadOptions.defaults().withKnownSize(OBJECT.length))) {
            faults.cut(1, 200_000, false);
            int cutBefore = faults.cut.get();
            assertThat(readAll(r)).isEqualTo(OBJECT);
            assertThat(faults.cut.get() - cutBefore).isEqualTo(1);
            assertThat(r.requests()).isEqualTo(2); // the GET and the GET of the rest
            assertThat(r.bytesFetched()).isEqualTo(OBJECT.length); // nothing fetched twice
        }
    }

    @Test
    void connectionDroppedOnTheLastAttemptIsOneLineNamingTheObject() throws IOException {
        // a part as large as the object: the GET's array is one the pool keeps
        try (Storage s = viaProxy("data", Map.of("s3_max_attempts", 1, "s3_read_part_size", MIB));
             ObjectReader r = s.openRead("f.bin", ReadOptions.defaults().withKnownSize(OBJECT.length))) {
            faults.cut(1, 200_000, false);
            assertThatThrownBy(() -> readAll(r)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("s3://data/faults/f.bin: GET bytes=0-")
                    .hasMessageContaining("connection lost after")
                    .satisfies(S3FaultsTest::assertOneLineWithoutSecrets);
            assertThat(((S3Storage) s).partBuffers().kept()).as("the failed GET's array is back for reuse").isEqualTo(1);
        }
    }

    @Test
    void throttlingIsRetriedAsConfiguredThenReported() throws IOException {
        try (Storage s = viaProxy("data", Map.of("s3_max_attempts", 3))) {
            faults.throttle(2);
            try (ObjectReader r = s.openRead("f.bin", ReadOptions.defaults().withKnownSize(OBJECT.length))) {
                assertThat(readAll(r)).isEqualTo(OBJECT);
            }
            assertThat(((S3Storage) s).httpRequests()).isEqualTo(3); // two 503s, then the GET that worked
        }
        try (Storage s = viaProxy("data", Map.of("s3_max_attempts", 2))) {
            faults.throttle(2);
            assertThatThrownBy(() -> {
                try (ObjectReader r = s.openRead("f.bin", ReadOptions.defaults().withKnownSize(OBJECT.length))) {
                    readAll(r);
                }
            }).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("s3://data/faults/f.bin: GET bytes=0-")
                    .hasMessageContaining("the server is throttling (503 SlowDown) and still was after 2 attempts")
                    .satisfies(S3FaultsTest::assertOneLineWithoutSecrets);
            assertThat(((S3Storage) s).httpRequests()).isEqualTo(2);
        } finally {
            faults.throttle(0);
        }
    }

    @Test
    void uploadCutMidPartLeavesNoObjectAndNoPendingUpload() throws IOException {
        byte[] bytes = new byte[7 * MIB];
        try (Storage s = viaProxy("data", Map.of("s3_max_attempts", 1, "s3_part_size", 5 * MIB,
                "s3_requests_in_flight", 1))) {
            faults.cut(1, MIB, true);
            assertThatThrownBy(() -> {
                try (ObjectWriter w = s.create("ckpt.pt", WriteMode.SEQUENTIAL)) {
                    w.write(ByteBuffer.wrap(bytes));
                    w.publish(false);
                }
            }).isInstanceOf(IOException.class)
                    // which part meets the cut connection depends on the SDK's connection reuse
                    .hasMessageMatching("s3://data/faults/ckpt\\.pt: upload of part [12] failed: .*")
                    .satisfies(S3FaultsTest::assertOneLineWithoutSecrets);
            assertThat(s.exists("ckpt.pt")).isFalse();
        }
        assertThat(server.direct.listMultipartUploads(l -> l.bucket("data")).uploads()).isEmpty();
    }

    @Test
    void unreachableEndpointNamesItAndTheAttempts() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        StorageConfig cfg = S3TestServer.storage("data", URI.create("http://127.0.0.1:" + port),
                Map.of("s3_max_attempts", 2));
        try (Storage s = StorageRegistry.loadDefault().open(cfg, null, "x")) {
            assertThatThrownBy(() -> s.size("f.bin")).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("s3://data/x/f.bin: HEAD failed: cannot reach http://127.0.0.1:" + port)
                    .hasMessageEndingWith("after 2 attempts (storage_options.s3_max_attempts)")
                    .satisfies(S3FaultsTest::assertOneLineWithoutSecrets);
        }
    }

    @Test
    void missingBucketIsNamed() throws IOException {
        try (Storage s = StorageRegistry.loadDefault().open(server.storage("no-such-bucket", Map.of()), null, "d")) {
            assertThatThrownBy(() -> s.list("", "")).isInstanceOf(IOException.class)
                    .hasMessage("s3://no-such-bucket/d: LIST failed: bucket 'no-such-bucket' does not exist");
            assertThatThrownBy(() -> {
                try (ObjectWriter w = s.create("a.npz", WriteMode.SEQUENTIAL)) {
                    w.write(ByteBuffer.wrap(new byte[10]));
                    w.publish(false);
                }
            }).isInstanceOf(IOException.class)
                    .hasMessage("s3://no-such-bucket/d/a.npz: PUT failed: bucket 'no-such-bucket' does not exist");
        }
    }

    @Test
    void wrongCredentialsAreDeniedWithoutShowingThemInMessagesOrLogs() throws IOException {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG); // everything the SDK, the HTTP client and the server log
        String wrongSecret = "wrong-" + S3TestServer.SECRET_KEY;
        Map<String, Object> options = new HashMap<>(Map.of("endpoint_url", server.endpoint.toString(),
                "access_key_id", S3TestServer.ACCESS_KEY, "secret_access_key", wrongSecret));
        StorageConfig cfg = new StorageConfig(StorageType.S3, "data", options);
        try (Storage s = StorageRegistry.loadDefault().open(cfg, null, "faults")) {
            assertThatThrownBy(() -> s.size("f.bin")).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("s3://data/faults/f.bin: HEAD failed: access denied (403")
                    .satisfies(S3FaultsTest::assertOneLineWithoutSecrets)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrongSecret));
            assertThat(s.toString()).doesNotContain(wrongSecret).doesNotContain(S3TestServer.ACCESS_KEY);
        } finally {
            root.setLevel(level);
            root.detachAppender(captured);
        }
        assertThat(cfg.toString()).doesNotContain(wrongSecret).doesNotContain(S3TestServer.ACCESS_KEY);
        // the SDK's threads may still be logging: copy under the appender's own lock (AppenderBase appends under it)
        List<ILoggingEvent> events;
        synchronized (captured) {
            captured.stop();
            events = new ArrayList<>(captured.list);
        }
        List<String> lines = events.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .collect(Collectors.toList());
        assertThat(lines).as("the run logged at DEBUG").isNotEmpty();
        assertThat(String.join("\n", lines)).doesNotContain(wrongSecret);
        String warnings = events.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
        assertThat(warnings).doesNotContain(S3TestServer.ACCESS_KEY);
        assertThat(Arrays.asList(wrongSecret, S3TestServer.ACCESS_KEY)).allSatisfy(secret ->
                assertThat(new S3Errors(S3StorageProvider.settings(cfg)).mask("x " + secret + " y")).isEqualTo("x **** y"));
    }
}
