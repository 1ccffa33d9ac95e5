package org.dlioparquet.core.storage.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dlioparquet.core.config.StorageConfig;
import org.dlioparquet.core.spi.ProblemReporter;

/**
 * The S3 keys of {@code storage.storage_options}: DLIO's ({@code endpoint_url}, {@code access_key_id},
 * {@code secret_access_key}, {@code region}, {@code s3_force_path_style}, {@code s3_max_attempts})
 * and dlio-parquet's tuning keys. Holds no SDK type, so that it can be checked without the SDK.
 * {@link #toString()} masks the credentials.
 *
 * @param endpoint         {@code endpoint_url}; {@code null} for AWS itself
 * @param accessKeyId      {@code null}: the SDK's default credential chain
 * @param region           {@code null}: the SDK's default region chain, else us-east-1
 * @param forcePathStyle   path-style URLs; default: on with an {@code endpoint_url} (MinIO, S3Proxy), off on AWS
 * @param maxAttempts      tries of every request, the first included (SDK retries and ours mid-body)
 * @param requestsInFlight GETs in flight per open object (per reader thread), parts in flight per upload
 * @param readAheadBytes   how far past a read that misses the fetched bytes the object is fetched
 * @param readPartBytes    largest single ranged GET; longer ranges go as parallel parts
 * @param partBytes        multipart upload part size; objects up to this size are one PUT
 * @param readBufferBytes  bytes an open object keeps fetched (at least the largest prefetch)
 * @param maxConnections   HTTP connections of one storage, shared by all threads
 * @param spoolFolder      where seekable writers spool before upload
 * @param listPageSize     keys per LIST request (S3 returns at most 1000)
 */
public record S3Settings(URI endpoint, String accessKeyId, String secretAccessKey, String region,
                         boolean forcePathStyle, int maxAttempts, int requestsInFlight, long readAheadBytes,
                         int readPartBytes, int partBytes, long readBufferBytes, int maxConnections,
                         Path spoolFolder, int listPageSize) {
    static final String PREFIX = "storage.storage_options.";
    static final int MIB = 1 << 20;
    /** S3's smallest part but the last. */
    static final int MIN_PART_BYTES = 5 * MIB;
    /** A Java array's limit keeps one part below 2 GiB (S3 allows 5 GiB). */
    static final int MAX_PART_BYTES = 1 << 30;

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", accessKeyId=" + (accessKeyId == null ? "default chain" : "****")
                + ", secretAccessKey=" + (secretAccessKey == null ? "default chain" : "****") + ", region=" + region
                + ", forcePathStyle=" + forcePathStyle + ", maxAttempts=" + maxAttempts + ", requestsInFlight="
                + requestsInFlight + ", readAheadBytes=" + readAheadBytes + ", readPartBytes=" + readPartBytes
                + ", partBytes=" + partBytes + ", readBufferBytes=" + readBufferBytes + ", maxConnections="
                + maxConnections + ", spoolFolder=" + spoolFolder + ", listPageSize=" + listPageSize + "]";
    }

    /** The settings of {@code storage}, reporting every problem to {@code problems} (defaults stand in). */
    static S3Settings of(StorageConfig storage, ProblemReporter problems) {
        Reader r = new Reader(storage.storageOptions(), problems);
        URI endpoint = r.endpoint();
        String access = r.string("access_key_id");
        String secret = r.string("secret_access_key");
        if ((access == null) != (secret == null)) {
            problems.error(PREFIX + (access == null ? "access_key_id" : "secret_access_key"),
                    "is missing while " + (access == null ? "secret_access_key" : "access_key_id")
                            + " is set; give both, or neither to use the SDK's default credential chain");
        }
        Object pathStyle = storage.storageOptions().get("s3_force_path_style");
        boolean forcePathStyle = pathStyle == null ? endpoint != null : r.bool("s3_force_path_style", false);
        int partBytes = (int) r.bytes("s3_part_size", 8L * MIB, MIN_PART_BYTES, MAX_PART_BYTES);
        int readPart = (int) r.bytes("s3_read_part_size", 8L * MIB, 1, MAX_PART_BYTES);
        String spool = r.string("s3_spool_folder");
        return new S3Settings(endpoint, access, secret, r.string("region"), forcePathStyle,
                (int) r.bytes("s3_max_attempts", 3, 1, 100), (int) r.bytes("s3_requests_in_flight", 8, 1, 1024),
                r.bytes("s3_read_ahead", 8L * MIB, 0, Long.MAX_VALUE), readPart, partBytes,
                r.bytes("s3_read_buffer", 64L * MIB, 0, Long.MAX_VALUE), (int) r.bytes("s3_max_connections", 64, 1, 4096),
                spool == null ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(spool),
                (int) r.bytes("s3_list_page_size", 1000, 1, 1000));
    }

    /** Reads typed values of the options map; secrets are never quoted. */
    private record Reader(Map<String, Object> options, ProblemReporter problems) {
        String string(String key) {
            Object v = options.get(key);
            if (v == null) {
                return null;
            }
            if (v instanceof Map || v instanceof Iterable) {
                problems.error(PREFIX + key, "must be a single value, not a " + (v instanceof Map ? "mapping" : "list"));
                return null;
            }
            String s = String.valueOf(v).trim();
            return s.isEmpty() ? null : s;
        }

        URI endpoint() {
            String s = string("endpoint_url");
            if (s == null) {
                return null;
            }
            try {
                URI u = new URI(s);
                if (u.getScheme() == null || u.getHost() == null
                        || !Set.of("http", "https").contains(u.getScheme().toLowerCase(Locale.ROOT))) {
                    problems.error(PREFIX + "endpoint_url", "'" + s + "' is not an http:// or https:// URL");
                    return null;
                }
                return u;
            } catch (URISyntaxException e) {
                problems.error(PREFIX + "endpoint_url", "'" + s + "' is not a URL: " + e.getReason());
                return null;
            }
        }

        boolean bool(String key, boolean dflt) {
            Object v = options.get(key);
            if (v instanceof Boolean b) {
                return b;
            }
            String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
            if (Set.of("true", "false").contains(s)) {
                return Boolean.parseBoolean(s);
            }
            problems.error(PREFIX + key, "must be True or False, got '" + v + "'");
            return dflt;
        }

        long bytes(String key, long dflt, long min, long max) {
            Object v = options.get(key);
            if (v == null) {
                return dflt;
            }
            long n;
            try {
                n = v instanceof Number num && !(v instanceof Double || v instanceof Float) ? num.longValue()
                        : Long.parseLong(String.valueOf(v).trim());
            } catch (NumberFormatException e) {
                problems.error(PREFIX + key, "must be a whole number, got '" + v + "'");
                return dflt;
            }
            if (n < min || n > max) {
                problems.error(PREFIX + key, "must be between " + min + " and " + max + ", got " + n);
                return dflt;
            }
            return n;
        }
    }
}
