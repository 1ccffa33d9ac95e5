package org.dlioparquet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dlioparquet.cli.CliTestSupport.run;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dlioparquet.cli.CliTestSupport.Result;
import org.dlioparquet.core.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code bench --only s3} against a real S3 server (S3Proxy in this JVM): a row with positive
 * figures for each case, the epoch's requests counted, and the bench's prefix deleted at the end.
 * Credentials reach this JVM's SDK loop and the child JVMs as the SDK's system properties, as a
 * user's would through the environment: never as workload keys on a command line.
 */
class S3BenchCommandTest {
    private static S3TestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = new S3TestServer();
        System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        server.close();
    }

    @Test
    void anS3RunHasARowWithPositiveFiguresForEveryCaseAndLeavesTheBucketAsItWas() {
        Result r = run("bench", "--only", "s3", "--s3-endpoint", server.endpoint.toString(), "--s3-bucket", "bench",
                "--size-mib", "4", "--reps", "1", "--work", dir.toString(), "--jvm-opt=-XX:TieredStopAtLevel=1",
                "--jvm-opt=-Daws.accessKeyId=" + S3TestServer.ACCESS_KEY,
                "--jvm-opt=-Daws.secretAccessKey=" + S3TestServer.SECRET_KEY);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("## S3").contains(server.endpoint.toString());
        List<List<String>> rows = r.out().lines().filter(l -> l.startsWith("| s3 "))
                .map(l -> Arrays.stream(l.substring(1, l.length() - 1).split(" \\| ")).map(String::trim).toList())
                .toList();
        assertThat(rows.stream().map(row -> row.get(0)).toList()).containsExactly("s3 generate npz 1 sample/object",
                "s3 read npz 1 sample/object, 2 threads", "s3 generate parquet 16 objects",
                "s3 read parquet 16 objects, 2 threads");
        for (List<String> row : rows) {
            for (int column = 3; column <= 5; column++) {
                assertThat(Double.parseDouble(row.get(column))).as(row.toString()).isPositive();
            }
        }
        // 4 objects of 1 MiB read: a HEAD and a GET each, and the manifest's
        assertThat(Double.parseDouble(rows.get(1).get(6))).as("requests of the npz epoch").isBetween(4.0, 12.0);
        assertThat(r.out()).as("credentials masked").doesNotContain(S3TestServer.SECRET_KEY)
                .doesNotContain(S3TestServer.ACCESS_KEY).contains("-Daws.secretAccessKey=****");
        assertThat(server.direct.listObjectsV2Paginator(l -> l.bucket("bench")).contents().stream().map(S3Object::key)
                .toList()).as("the bench's prefix is deleted").isEmpty();
    }
}
