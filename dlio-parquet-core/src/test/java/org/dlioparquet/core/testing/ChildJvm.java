package org.dlioparquet.core.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a class of the test class path in a separate JVM, as a separate process would run it. */
public final class ChildJvm {
    private ChildJvm() {
    }

    public static Process start(Class<?> main, Path log, String... args) throws IOException {
        return start(main, log, List.of("-Xmx256m"), args);
    }

    /** Starts {@code main} with the given JVM options (a heap size) instead of the default 256 MiB heap. */
    public static Process start(Class<?> main, Path log, List<String> jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
