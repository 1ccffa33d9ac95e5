package org.dlioparquet.core.storage.hadoop;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.apache.hadoop.security.AccessControlException;

/** Hadoop's failures (remote exceptions carry the server's stack trace in their message) as one line. */
final class HadoopErrors {
    private HadoopErrors() {
    }

    static IOException translate(String name, String request, IOException e) {
        if (e instanceof FileNotFoundException) {
            return new NoSuchFileException(name);
        }
        if (e instanceof AccessControlException) {
            AccessDeniedException denied = new AccessDeniedException(name, null, request + " denied: "
                    + firstLine(e.getMessage()));
            denied.initCause(e);
            return denied;
        }
        if (e instanceof InterruptedIOException) {
            return e;
        }
        return new IOException(name + ": " + request + " failed: " + firstLine(e.getMessage() == null
                ? e.getClass().getSimpleName() : e.getMessage()), e);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
