package org.dlioparquet.core.testing;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.dlioparquet.core.config.StorageConfig;
import org.dlioparquet.core.config.StorageType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server in the test JVM: S3Proxy over an in-memory blob store on a free loopback port,
 * with AWS V4 authentication, and a plain SDK client that talks to it directly (to check what a
 * back-end left behind). One per test class.
 */
public final class S3TestServer implements AutoCloseable {
    /** Credentials that are easy to find in any text they leak into. */
    public static final String ACCESS_KEY = "AKIADLIOTESTACCESS01";
    public static final String SECRET_KEY = "s3cr3t-DLIO-test-Value/9f8e7d6c5b";

    private final S3Proxy proxy;
    public final URI endpoint;
    public final S3Client direct;

    public S3TestServer() throws Exception {
        proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        direct = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(Apache5HttpClient.builder().maxConnections(64).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    }

    public void createBucket(String bucket) {
        direct.createBucket(b -> b.bucket(bucket));
    }

    /** The storage section of a workload that uses this server, plus {@code extra} options. */
    public StorageConfig storage(String bucket, Map<String, Object> extra) {
        return storage(bucket, endpoint, extra);
    }

    public static StorageConfig storage(String bucket, URI endpoint, Map<String, Object> extra) {
        Map<String, Object> options = new HashMap<>();
        options.put("endpoint_url", endpoint.toString());
        options.put("access_key_id", ACCESS_KEY);
        options.put("secret_access_key", SECRET_KEY);
        options.put("region", "us-east-1");
        options.put("s3_force_path_style", true);
        options.putAll(extra);
        return new StorageConfig(StorageType.S3, bucket, options);
    }

    @Override
    public void close() throws Exception {
        direct.close();
        proxy.stop();
    }
}
