package org.dlioparquet.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A running {@link BenchChild}: the same {@code java} and class path as this JVM, plus the
 * case's JVM options. Its stderr goes to a log file whose last line explains a crash.
 */
final class ChildCase implements AutoCloseable {
    private final Process process;
    private final BufferedReader events;
    private final Writer commands;
    private final Path log;

    private ChildCase(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.events = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static List<String> command(CaseSpec spec, List<String> jvmOptions, double warmUpSeconds) {
        return java(jvmOptions, BenchChild.class.getName(), ChildProtocol.specJson(spec),
                Double.toString(warmUpSeconds));
    }

    /** The command that runs {@code main} in a JVM like this one (same java, class path) with {@code jvmOptions}. */
    static List<String> java(List<String> jvmOptions, String main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main);
        cmd.addAll(List.of(args));
        return cmd;
    }

    static ChildCase start(CaseSpec spec, List<String> jvmOptions, double warmUpSeconds, Path log) throws IOException {
        Process p = new ProcessBuilder(command(spec, jvmOptions, warmUpSeconds)).redirectError(log.toFile()).start();
        return new ChildCase(p, log);
    }

    /** Waits for the warm-up to finish; returns what it measured. */
    RepMeasure awaitReady() throws IOException {
        return next(ChildProtocol.Type.READY).measure();
    }

    RepMeasure rep() throws IOException {
        send(ChildProtocol.REP);
        return next(ChildProtocol.Type.REP).measure();
    }

    /** Ends the child and returns its peak memory. */
    ChildMemory end() throws IOException {
        send(ChildProtocol.END);
        ChildMemory memory = next(ChildProtocol.Type.END).memory();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the child JVM exits");
        }
        return memory;
    }

    private void send(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
    }

    private ChildProtocol.Event next(ChildProtocol.Type expected) throws IOException {
        String line;
        while ((line = events.readLine()) != null) {
            Optional<ChildProtocol.Event> e = ChildProtocol.parse(line);
            if (e.isEmpty()) {
                continue;
            }
            ChildProtocol.Event event = e.get();
            if (event.type() == ChildProtocol.Type.ERROR) {
                throw new CaseFailedException(event.message(), event.memory());
            }
            if (event.type() != expected) {
                throw new IOException("child JVM sent " + event.type() + " where " + expected + " was due");
            }
            return event;
        }
        throw new CaseFailedException(exitDescription(), ChildMemory.UNKNOWN);
    }

    private String exitDescription() {
        String code;
        try {
            code = process.waitFor(10, TimeUnit.SECONDS) ? "code " + process.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = "interrupted";
        }
        return "child JVM ended without an answer (" + code + ")" + firstLogLine().map(l -> ": " + l).orElse("");
    }

    /** The first line of the log that is not a warning: what the JVM or the launcher said went wrong. */
    private Optional<String> firstLogLine() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("WARNING") && !l.startsWith("SLF4J")).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
