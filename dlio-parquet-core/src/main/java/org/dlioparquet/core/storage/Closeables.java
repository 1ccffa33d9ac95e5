package org.dlioparquet.core.storage;

/**
 * Closing what a failed open had already opened. A close that fails there must not replace the
 * exception that explains the failure (say, which file is corrupt), so it is kept as suppressed.
 */
public final class Closeables {
    private Closeables() {
    }

    /** Closes each resource that is not {@code null}, in order, adding what a close throws to {@code primary}. */
    public static void closeAfterFailure(Throwable primary, AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                primary.addSuppressed(e);
            }
        }
    }
}
