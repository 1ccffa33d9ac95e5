package org.dlioparquet.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM while a run is under way: the thread running it is interrupted, so
 * that the core stops and writes what the completed epochs measured, and the signal is remembered
 * for the exit code (128 + its number, as a shell reports a process ended by it: 130, 143). Only
 * the first signal is caught; the handlers there were before come back at once, so a second one
 * ends the process as it would have without us.
 */
final class SignalInterrupts implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final Thread target;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private volatile Signal received;

    private SignalInterrupts(Thread target) {
        this.target = target;
    }

    /** Catches SIGINT and SIGTERM (where the platform and the JVM let us) until {@link #close}. */
    static SignalInterrupts install(Thread target) {
        SignalInterrupts s = new SignalInterrupts(target);
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                s.previous.put(signal, Signal.handle(signal, s::handle));
            } catch (IllegalArgumentException e) {
                // not a signal here, or the JVM keeps it (-Xrs): it ends the process as it always did
            }
        }
        return s;
    }

    private synchronized void handle(Signal signal) {
        if (received != null) {
            return;
        }
        received = signal;
        restore();
        target.interrupt();
    }

    /** The signal caught, as {@code SIGINT} or {@code SIGTERM}. */
    Optional<String> signalName() {
        Signal s = received;
        return s == null ? Optional.empty() : Optional.of("SIG" + s.getName());
    }

    /** 128 + the signal's number, or empty when none was caught. */
    Optional<Integer> exitCode() {
        Signal s = received;
        return s == null ? Optional.empty() : Optional.of(128 + s.getNumber());
    }

    @Override
    public synchronized void close() {
        restore();
    }

    private void restore() {
        previous.forEach(Signal::handle);
        previous.clear();
    }
}
