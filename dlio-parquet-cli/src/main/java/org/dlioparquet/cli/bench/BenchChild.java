package org.dlioparquet.cli.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The child JVM of one benchmark case: {@code BenchChild <spec JSON> <warm-up seconds>}. Warms up
 * (repeats its work for the warm-up seconds, at least once, and while the JIT is busy, see
 * {@link Repetitions}; not when the spec has no warm-up), says it is ready, runs one repetition
 * per {@code rep} line on stdin and answers each with one event line;
 * on {@code end} it reports its peak heap and RSS. Printing is this class's job: stdout is the
 * channel to the parent.
 */
public final class BenchChild {
    private BenchChild() {
    }

    public static void main(String[] args) throws Exception {
        ProcessMemory memory = ProcessMemory.track();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            if (args.length != 2) {
                throw new IllegalArgumentException("usage: BenchChild <case spec as JSON> <warm-up seconds>");
            }
            CaseSpec spec = ChildProtocol.parseSpec(args[0]);
            double warmUpSeconds = Double.parseDouble(args[1]);
            Repetitions reps = Repetitions.of(ChildWork.of(spec), spec.warmUp() ? warmUpSeconds : 0);
            RepMeasure warm = spec.warmUp() ? reps.warmUp(warmUpSeconds) : RepMeasure.of(Map.of());
            out.println(ChildProtocol.measureLine(ChildProtocol.Type.READY, warm));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals(ChildProtocol.REP)) {
                    out.println(ChildProtocol.measureLine(ChildProtocol.Type.REP, reps.measured()));
                } else if (line.equals(ChildProtocol.END)) {
                    out.println(ChildProtocol.endLine(memory.snapshot()));
                    return;
                }
            }
        } catch (Exception | OutOfMemoryError e) {
            out.println(ChildProtocol.errorLine(describe(e), memory.snapshot()));
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e instanceof OutOfMemoryError ? "OutOfMemoryError: " + message
                : message == null || message.isBlank() ? e.toString() : message;
    }
}
