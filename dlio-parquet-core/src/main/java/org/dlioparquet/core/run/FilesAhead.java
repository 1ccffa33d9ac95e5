package org.dlioparquet.core.run;

import java.nio.file.Path;
import org.dlioparquet.core.storage.ReadChannels;

/**
 * Opens a file ahead of the reader thread that reads it next, so that its first reads overlap the
 * decoding of the file before; a reader thread tells it which file comes next and, once it has
 * read that file (or not, after all), lets go of what was opened for it.
 */
interface FilesAhead {
    /** Opens nothing ahead. */
    FilesAhead NONE = new FilesAhead() {
        @Override
        public void open(Path file) {
        }

        @Override
        public boolean release(Path file) {
            return false;
        }
    };

    /**
     * Local files read with O_DIRECT and read-ahead ({@link ReadChannels#openAhead}).
     *
     * @param acrossBatches the reader thread reads every batch, one after the other (one reader
     *                      thread), so the first file of the next batch is known too
     */
    static FilesAhead direct(boolean acrossBatches) {
        return new FilesAhead() {
            @Override
            public void open(Path file) {
                ReadChannels.openAhead(file, !acrossBatches);
            }

            @Override
            public boolean release(Path file) {
                return ReadChannels.releaseOpenedAhead(file);
            }

            @Override
            public boolean acrossBatches() {
                return acrossBatches;
            }
        };
    }

    /** {@code file} is the one the calling reader thread reads next; never fails (the read meets any failure). */
    void open(Path file);

    /**
     * Closes what {@link #open} opened for {@code file}, unless the file's read took it.
     *
     * @return whether there was something left to close: the read did not take it
     */
    boolean release(Path file);

    /** Whether the file of the next batch's first sample is opened ahead too: the same thread reads it next. */
    default boolean acrossBatches() {
        return false;
    }
}
