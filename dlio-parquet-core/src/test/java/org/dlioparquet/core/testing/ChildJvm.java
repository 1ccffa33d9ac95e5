package org.dlioparquet.core.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a class of the test class path in a separate JVM, as a separate process would run it. */
public final class ChildJvm {
    private static final List<String> DEFAULT_OPTIONS = List.of("-Xmx256m");

    private ChildJvm() {
    }

    public static Process start(Class<?> main, Path log, String... args) throws IOException {
        return start(main, log, DEFAULT_OPTIONS, args);
    }

    /** With the child's JVM options ({@code -Xmx48m}) instead of the default heap of 256 MiB. */
    public static Process start(Class<?> main, Path log, List<String> jvmOptions, String... args) throws IOException {
        return new ProcessBuilder(command(main, jvmOptions, args)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** The command line that runs {@code main} of the test class path in a JVM like this one. */
    public static List<String> command(Class<?> main, String... args) {
        return command(main, DEFAULT_OPTIONS, args);
    }

    private static List<String> command(Class<?> main, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
