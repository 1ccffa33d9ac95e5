package org.dlioparquet.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/** How much of a stretch of wall time this JVM's JIT compilers spent compiling. */
final class JitActivity {
    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();

    private final long startNanos = System.nanoTime();
    private final long startCompileMillis = compileMillis();

    /** Starts measuring now. */
    static JitActivity start() {
        return new JitActivity();
    }

    /** Compilation time since the start over the wall time since the start; 0 where the JVM does not say. */
    double share() {
        double wallMillis = (System.nanoTime() - startNanos) / 1e6;
        return wallMillis <= 0 ? 0 : Math.min(1, (compileMillis() - startCompileMillis) / wallMillis);
    }

    private static long compileMillis() {
        return COMPILER != null && COMPILER.isCompilationTimeMonitoringSupported()
                ? COMPILER.getTotalCompilationTime() : 0;
    }
}
