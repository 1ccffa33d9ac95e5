package org.dlioparquet.core.spi;

/** How an {@link ObjectWriter} is written. */
public enum WriteMode {
    /**
     * Front to back only: object stores stream the bytes out as they come (a multipart upload in
     * parts), so memory stays bounded however large the object; seeking back fails.
     */
    SEQUENTIAL,
    /**
     * The writer may seek back and patch bytes (a ZIP's local headers); object stores spool to a
     * local temporary file and upload it on publish.
     */
    SEEKABLE
}
