package org.dlioparquet.cli;

/** The exit codes scripts and CI gates rely on. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A bug in dlio-parquet (never a user mistake). */
    public static final int INTERNAL = 1;
    /** Bad command line or workload. */
    public static final int USAGE = 2;
    /** Missing, corrupt or mismatched dataset files. */
    public static final int DATA = 3;
    /** I/O failure: permission denied, disk full. */
    public static final int IO = 4;
    /** The AU expectation was not met and {@code --require-au} was given. */
    public static final int AU_NOT_MET = 5;
    /**
     * The run was stopped by Ctrl-C (SIGINT), 128 + 2 as a shell reports it; the completed epochs'
     * results were written. SIGTERM gives 128 + 15 = 143.
     */
    public static final int INTERRUPTED = 130;
    /** The run was stopped by SIGTERM; the completed epochs' results were written. */
    public static final int TERMINATED = 143;

    private ExitCodes() {
    }
}
