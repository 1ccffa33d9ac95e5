package org.dlioparquet.core.storage.s3;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * What every view of one S3 storage shares: the SDK client (one HTTP connection pool), the threads
 * that run GETs and part uploads in parallel, the settings, and a count of the HTTP requests sent
 * (retries included).
 */
final class S3Connection implements Closeable {
    final S3Client client;
    final S3Settings settings;
    final S3Errors errors;
    final ExecutorService executor;
    final PartBuffers partBuffers;
    private final AtomicLong httpRequests = new AtomicLong();

    S3Connection(S3Settings settings) {
        this.settings = settings;
        this.errors = new S3Errors(settings);
        this.partBuffers = new PartBuffers(settings.readPartBytes(), settings.readBufferBytes());
        S3ClientBuilder b = S3Client.builder()
                .httpClient(Apache5HttpClient.builder().maxConnections(settings.maxConnections()).build())
                .credentialsProvider(credentials(settings))
                .region(region(settings))
                .forcePathStyle(settings.forcePathStyle())
                // checksums only where S3 requires them: S3-compatible servers differ in what else they accept
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(settings.maxAttempts()))
                        .addExecutionInterceptor(new RequestCounter(httpRequests)));
        if (settings.endpoint() != null) {
            b.endpointOverride(settings.endpoint());
        }
        this.client = b.build();
        this.executor = Executors.newCachedThreadPool(new Daemons());
    }

    private static AwsCredentialsProvider credentials(S3Settings s) {
        if (s.accessKeyId() != null && s.secretAccessKey() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static Region region(S3Settings s) {
        if (s.region() != null) {
            return Region.of(s.region());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException e) {
            return Region.US_EAST_1; // S3-compatible servers ignore it; AWS redirects
        }
    }

    /** HTTP requests sent so far, every attempt counted. */
    long httpRequests() {
        return httpRequests.get();
    }

    /**
     * Reads {@code length} bytes of {@code key} at {@code start} into {@code dst} with ranged GETs.
     * The SDK retries a request that fails before its body; a body cut off mid-way is asked for
     * again from where it stopped, up to {@code s3_max_attempts} in all.
     *
     * @param counter counts the bytes received and the GETs sent
     */
    void readRange(String bucket, String key, String name, long start, int length, byte[] dst, int offset,
                   ReadCounter counter) throws IOException {
        int done = 0;
        int attempt = 0;
        while (done < length) {
            attempt++;
            long from = start + done;
            String range = "bytes=" + from + "-" + (start + length - 1);
            counter.request();
            ResponseInputStream<GetObjectResponse> in;
            try {
                in = client.getObject(g -> g.bucket(bucket).key(key).range(range));
            } catch (SdkException e) {
                throw errors.translate(name, bucket, "GET " + range, e);
            }
            try (in) {
                int n;
                while (done < length && (n = in.read(dst, offset + done, length - done)) > 0) {
                    done += n;
                    counter.received(n);
                }
                if (done < length) {
                    throw new ObjectEndedException(name + ": the object ends at byte " + (start + done)
                            + ", before the " + length + " bytes asked for at " + start);
                }
            } catch (ObjectEndedException e) {
                throw e;
            } catch (IOException | SdkException e) {
                in.abort();
                if (attempt >= settings.maxAttempts()) {
                    throw errors.translate(name, bucket, "GET " + range + " (connection lost after "
                            + (start + done - from) + " bytes, " + attempt + " attempts)", e);
                }
            }
        }
    }

    /** The server sent a whole response that was shorter than the range: the object is shorter than its size. */
    private static final class ObjectEndedException extends IOException {
        private static final long serialVersionUID = 1L;

        ObjectEndedException(String message) {
            super(message);
        }
    }

    /** What an object counts while it is read, from several fetching threads. */
    interface ReadCounter {
        void request();

        void received(long bytes);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        client.close();
    }

    /** Counts every HTTP attempt the client makes. */
    private static final class RequestCounter implements ExecutionInterceptor {
        private final AtomicLong count;

        RequestCounter(AtomicLong count) {
            this.count = count;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            count.incrementAndGet();
        }
    }

    /** Fetch threads never keep the JVM alive. */
    private static final class Daemons implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "dlio-s3-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
