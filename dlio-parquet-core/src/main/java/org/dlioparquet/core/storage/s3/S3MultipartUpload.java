package org.dlioparquet.core.storage.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One multipart upload fed part by part: each part is uploaded on the connection's threads while
 * the writer fills the next, at most {@code s3_requests_in_flight} at once. Its buffers are reused
 * and there are never more than in-flight + 1, so a multi-GiB object streams out in bounded memory.
 * Nothing is visible under the key until {@link #complete}; {@link #abort} drops the parts.
 */
final class S3MultipartUpload {
    /** S3's limit on the parts of one upload. */
    static final int MAX_PARTS = 10_000;

    private final S3Connection connection;
    private final String bucket;
    private final String key;
    private final String name;
    private final int partBytes;
    private final BlockingQueue<byte[]> free;
    private final List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();
    private int buffersMade;
    private String uploadId;

    S3MultipartUpload(S3Connection connection, String bucket, String key, String name) {
        this.connection = connection;
        this.bucket = bucket;
        this.key = key;
        this.name = name;
        this.partBytes = connection.settings.partBytes();
        this.free = new ArrayBlockingQueue<>(connection.settings.requestsInFlight() + 1);
    }

    int partBytes() {
        return partBytes;
    }

    /** A buffer of one part's size; waits while every buffer is on its way. */
    byte[] takeBuffer() throws IOException {
        byte[] b = free.poll();
        if (b != null) {
            return b;
        }
        if (buffersMade < connection.settings.requestsInFlight() + 1) {
            buffersMade++;
            return new byte[partBytes];
        }
        try {
            failIfAnyFailed();
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(name + ": interrupted while uploading");
        }
    }

    /** Uploads {@code length} bytes of {@code buffer} as the next part; the buffer comes back once sent. */
    void submit(byte[] buffer, int length) throws IOException {
        failIfAnyFailed();
        if (uploadId == null) {
            try {
                uploadId = connection.client.createMultipartUpload(c -> c.bucket(bucket).key(key)).uploadId();
            } catch (SdkException e) {
                throw connection.errors.translate(name, bucket, "create multipart upload", e);
            }
        }
        int number = parts.size() + 1;
        if (number > MAX_PARTS) {
            throw new IOException(name + ": more than " + MAX_PARTS + " parts of " + partBytes
                    + " bytes; raise storage_options.s3_part_size");
        }
        String id = uploadId;
        parts.add(CompletableFuture.supplyAsync(() -> {
            try {
                String etag = connection.client.uploadPart(u -> u.bucket(bucket).key(key).uploadId(id).partNumber(number)
                                .contentLength((long) length),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                                "application/octet-stream")).eTag();
                return CompletedPart.builder().partNumber(number).eTag(etag).build();
            } catch (SdkException e) {
                throw new PartFailure(connection.errors.translate(name, bucket, "upload of part " + number, e));
            } finally {
                free.offer(buffer);
            }
        }, connection.executor));
    }

    boolean started() {
        return uploadId != null;
    }

    /** Waits for every part and completes the upload: the object appears whole. */
    void complete() throws IOException {
        List<CompletedPart> done = new ArrayList<>();
        for (CompletableFuture<CompletedPart> f : parts) {
            done.add(await(f));
        }
        done.sort(Comparator.comparing(CompletedPart::partNumber));
        try {
            connection.client.completeMultipartUpload(c -> c.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(done)));
        } catch (SdkException e) {
            throw connection.errors.translate(name, bucket, "complete multipart upload", e);
        }
    }

    /** Drops the parts uploaded so far; best effort, a failure is added to {@code reason}. */
    void abort(Throwable reason) {
        if (uploadId == null) {
            return;
        }
        for (CompletableFuture<CompletedPart> f : parts) {
            f.cancel(false);
        }
        try {
            connection.client.abortMultipartUpload(a -> a.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            IOException failed = connection.errors.translate(name, bucket, "abort multipart upload", e);
            if (reason != null) {
                reason.addSuppressed(failed);
            }
        }
    }

    private void failIfAnyFailed() throws IOException {
        for (CompletableFuture<CompletedPart> f : parts) {
            if (f.isCompletedExceptionally()) {
                await(f);
            }
        }
    }

    private CompletedPart await(CompletableFuture<CompletedPart> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(name + ": interrupted while uploading");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PartFailure p) {
                throw p.io;
            }
            throw new IOException(name + ": part upload failed: " + e.getCause(), e.getCause());
        }
    }

    /** Carries a part's translated failure out of its task. */
    private static final class PartFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient IOException io;

        PartFailure(IOException io) {
            super(io.getMessage(), null, false, false);
            this.io = io;
        }
    }
}
