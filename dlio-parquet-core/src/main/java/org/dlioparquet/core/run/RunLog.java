package org.dlioparquet.core.run;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.dlioparquet.core.RunListener;

/**
 * Internal: the lines a run says, given to the caller's {@link RunListener} and appended with a
 * time stamp to the output folder's log file ({@code output.log_file}, DLIO's {@code dlio.log}).
 */
public final class RunLog implements Closeable {
    private final RunListener listener;
    private final BufferedWriter file;

    private RunLog(RunListener listener, BufferedWriter file) {
        this.listener = listener;
        this.file = file;
    }

    /**
     * A log that appends to {@code logFile} (created when absent). A plain file stream, not a
     * channel: a channel is closed for good by an interrupt, and a run being stopped still logs.
     */
    public static RunLog open(Path logFile, RunListener listener) throws IOException {
        return new RunLog(listener, new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(logFile.toFile(), true), StandardCharsets.UTF_8)));
    }

    public synchronized void say(String line) {
        listener.message(line);
        try {
            file.write(LocalDateTime.now() + " " + line);
            file.newLine();
            file.flush();
        } catch (IOException e) {
            // the log file is a copy of what the listener already got
        }
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
