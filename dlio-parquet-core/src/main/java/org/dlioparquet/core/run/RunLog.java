package org.dlioparquet.core.run;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    /** A log that appends to {@code logFile} (created when absent). */
    public static RunLog open(Path logFile, RunListener listener) throws IOException {
        return new RunLog(listener, Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND));
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
