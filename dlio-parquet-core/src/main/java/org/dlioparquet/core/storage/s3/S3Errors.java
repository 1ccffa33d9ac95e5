package org.dlioparquet.core.storage.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Turns what the SDK throws into one line naming the object ({@code s3://bucket/key}), the request
 * and what failed, with the credentials masked wherever a server or the SDK echoed them.
 */
final class S3Errors {
    private final String endpoint;
    private final int maxAttempts;
    private final List<String> secrets = new ArrayList<>();

    S3Errors(S3Settings settings) {
        this.endpoint = settings.endpoint() == null ? "AWS S3" : settings.endpoint().toString();
        this.maxAttempts = settings.maxAttempts();
        for (String s : new String[] {settings.accessKeyId(), settings.secretAccessKey()}) {
            if (s != null && !s.isEmpty()) {
                secrets.add(s);
            }
        }
    }

    /** {@code text} with every credential replaced by {@code ****}. */
    String mask(String text) {
        if (text == null) {
            return null;
        }
        String t = text;
        for (String s : secrets) {
            t = t.replace(s, "****");
        }
        return t;
    }

    /**
     * The failure of {@code request} on {@code name}.
     *
     * @param bucket the bucket, named when it does not exist
     */
    IOException translate(String name, String bucket, String request, Throwable e) {
        if (e instanceof NoSuchKeyException || (e instanceof AwsServiceException a && a.statusCode() == 404
                && !"NoSuchBucket".equals(code(a)))) {
            return new NoSuchFileException(name);
        }
        String what = describe(bucket, e);
        IOException io = e instanceof InterruptedException || e instanceof InterruptedIOException
                ? new InterruptedIOException(mask(name + ": " + request + " interrupted"))
                : new IOException(mask(name + ": " + request + " failed: " + what));
        // the SDK's own exception is kept for --stacktrace users, with its message masked as well
        io.initCause(new MaskedCause(mask(String.valueOf(e)), e.getStackTrace()));
        return io;
    }

    private String describe(String bucket, Throwable e) {
        if (e instanceof NoSuchBucketException || (e instanceof AwsServiceException a && "NoSuchBucket".equals(code(a)))) {
            return "bucket '" + bucket + "' does not exist";
        }
        if (e instanceof AwsServiceException a) {
            int status = a.statusCode();
            String code = code(a);
            if (status == 403 || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
                return "access denied (" + status + " " + code + "); check storage_options.access_key_id and "
                        + "secret_access_key, or the credentials the SDK's default chain found";
            }
            if (status == 503 || status == 429 || a.isThrottlingException()) {
                return "the server is throttling (" + status + " " + code + ") and still was after " + maxAttempts
                        + " attempts (storage_options.s3_max_attempts)";
            }
            return status + " " + code + ": " + firstLine(a.awsErrorDetails() == null ? a.getMessage()
                    : a.awsErrorDetails().errorMessage());
        }
        Throwable root = rootCause(e);
        if (root instanceof ConnectException || root instanceof UnknownHostException
                || root instanceof NoRouteToHostException) {
            return "cannot reach " + endpoint + " (" + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage())
                    + ") after " + maxAttempts + " attempts (storage_options.s3_max_attempts)";
        }
        if (root instanceof SocketTimeoutException) {
            return endpoint + " did not answer in time after " + maxAttempts + " attempts";
        }
        String m = e instanceof SdkException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return firstLine(m);
    }

    private static String code(AwsServiceException a) {
        return a.awsErrorDetails() == null ? String.valueOf(a.statusCode()) : String.valueOf(a.awsErrorDetails().errorCode());
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /** The SDK's exception as a cause whose message holds no credential. */
    static final class MaskedCause extends Exception {
        private static final long serialVersionUID = 1L;

        MaskedCause(String message, StackTraceElement[] trace) {
            super(message, null, false, true);
            setStackTrace(trace);
        }
    }
}
