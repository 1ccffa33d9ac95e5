package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 baselines, a plain AWS SDK loop over the same objects at the same concurrency (thread
 * {@code t} takes objects {@code t, t+T, ...}): whole-object PUTs of the generated sizes, and
 * whole-object GETs drained into a reused buffer. Credentials, region: the SDK's default chain
 * (environment), so that no secret is on a command line.
 */
final class S3Objects implements AutoCloseable {
    private final S3Client client;
    final String bucket;

    S3Objects(URI endpoint, String bucket) {
        this.client = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true)
                .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1"))).build();
        this.bucket = bucket;
    }

    void ensureBucket() {
        try {
            client.headBucket(h -> h.bucket(bucket));
        } catch (NoSuchBucketException e) {
            client.createBucket(c -> c.bucket(bucket));
        }
    }

    long size(String key) {
        return client.headObject(h -> h.bucket(bucket).key(key)).contentLength();
    }

    /** Deletes every object below {@code prefix}. */
    void deleteBelow(String prefix) {
        for (var page : client.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix))) {
            List<ObjectIdentifier> ids = page.contents().stream().map(S3Object::key)
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            if (!ids.isEmpty()) {
                client.deleteObjects(d -> d.bucket(bucket).delete(x -> x.objects(ids)));
            }
        }
    }

    /** PUTs objects of {@code sizes} below {@code prefix}, old ones deleted first (untimed). */
    Baseline puts(String prefix, long[] sizes, int threads) {
        return () -> {
            deleteBelow(prefix);
            int t = Math.max(1, threads);
            long nanos = Parallel.time(t, id -> {
                byte[] block = new byte[(int) Math.max(1, LongStream.of(sizes).max().orElse(1))];
                new SplittableRandom(id).nextBytes(block);
                for (int i = id; i < sizes.length; i += t) {
                    String key = prefix + "/o" + i;
                    client.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromByteBuffer(
                            ByteBuffer.wrap(block, 0, (int) sizes[i])));
                }
            });
            return RepMeasure.throughput(LongStream.of(sizes).sum(), nanos / 1e9);
        };
    }

    /** GETs {@code keys} whole, drained into one reused buffer per thread. */
    Baseline gets(List<String> keys, int threads) {
        return () -> {
            AtomicLong bytes = new AtomicLong();
            int t = Math.max(1, threads);
            long nanos = Parallel.time(t, id -> {
                byte[] buffer = new byte[1 << 20];
                for (int i = id; i < keys.size(); i += t) {
                    String key = keys.get(i);
                    try (ResponseInputStream<GetObjectResponse> in = client.getObject(g -> g.bucket(bucket).key(key))) {
                        bytes.addAndGet(drain(in, buffer));
                    }
                }
            });
            return RepMeasure.throughput(bytes.get(), nanos / 1e9);
        };
    }

    private static long drain(InputStream in, byte[] buffer) throws IOException {
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
        }
        return total;
    }



    @Override
    public void close() {
        client.close();
    }
}
