package org.dlioparquet.core.format.csv;

/**
 * A CSV value that cannot become an element. Carries only the reason; the decoder adds the file,
 * line and column. No stack trace: it is turned into a {@link org.dlioparquet.core.DataFileException}
 * at once.
 */
final class ValueFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    ValueFormatException(String reason) {
        super(reason, null, false, false);
    }
}
