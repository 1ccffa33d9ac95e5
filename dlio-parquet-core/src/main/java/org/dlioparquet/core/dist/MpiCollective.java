package org.dlioparquet.core.dist;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.dlioparquet.core.RankEnvironment;

/**
 * The processes of an {@code mpirun}/{@code srun} job, through the C library of Open MPI or of the
 * MPICH family, called with JNA (no native code of ours, no {@code mpi.jar}). Started once per
 * process ({@link #start}); {@code MPI_Finalize} runs once, at {@link #close} after {@link
 * #complete}. A process that closes without completing, or exits without closing, ends the whole
 * job ({@code MPI_Abort}) so that no rank waits for it.
 *
 * <p>MPI is asked for {@code MPI_THREAD_SERIALIZED}: any thread may call, one at a time (a lock
 * makes sure), which lets the last accelerator thread to reach a {@link StepBarrier} take the
 * process into the job's barrier without a hand-off to another thread.
 */
public final class MpiCollective implements Collective {
    private static final int RTLD_LAZY = 0x1;
    private static final int RTLD_GLOBAL = 0x100;
    private static final int MAX_LIBRARY_VERSION_STRING = 8192;
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final long LINE_FORWARD_MILLIS = 500;
    private static final int INCOMPLETE_EXIT_CODE = 1;

    private final NativeLibrary lib;
    private final String libraryName;
    private final MpiAbi abi;
    private final String version;
    private final boolean ownsMpi;
    private final Function barrierFunction;
    private final ReentrantLock calls = new ReentrantLock();
    private final AtomicBoolean finalized = new AtomicBoolean();
    private final AtomicBoolean aborting = new AtomicBoolean();
    private final AtomicBoolean completed = new AtomicBoolean();
    private final Thread atExit;
    private final String host;
    private int rank;
    private int size;

    private MpiCollective(NativeLibrary lib, String libraryName, MpiAbi abi, String version, boolean ownsMpi) {
        this.lib = lib;
        this.libraryName = libraryName;
        this.abi = abi;
        this.version = version;
        this.ownsMpi = ownsMpi;
        this.barrierFunction = lib.getFunction("MPI_Barrier");
        this.host = JobHosts.localHostname();
        this.atExit = new Thread(this::atExit, "dlio-mpi-exit");
    }

    /**
     * Loads the launcher's MPI library, starts MPI and checks that MPI sees the job the launcher
     * started.
     *
     * @param env the process's environment (the launcher's variables, {@value MpiLibraries#OVERRIDE})
     * @throws CollectiveException one line: no library could be loaded (naming each one tried and
     *                             why), or MPI's rank and size differ from the launcher's
     */
    public static MpiCollective start(Map<String, String> env) {
        MpiLibraries choice = MpiLibraries.choose(env);
        try {
            keepJvmSignalHandlers();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new CollectiveException("JNA could not load its native part, which calling MPI needs: "
                    + e.getMessage() + " (a temporary folder mounted noexec? set jna.tmpdir)", e);
        }
        NativeLibrary lib = null;
        String loaded = null;
        List<String> tried = new ArrayList<>();
        for (String name : choice.names()) {
            try {
                lib = NativeLibrary.getInstance(name, Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY | RTLD_GLOBAL));
                loaded = name;
                break;
            } catch (UnsatisfiedLinkError e) {
                tried.add(name + " (" + loadError(e, name) + ")");
            }
        }
        if (lib == null) {
            throw new CollectiveException("an MPI launcher started this process but no MPI library could be loaded: "
                    + "tried " + String.join(", ", tried) + ", because " + choice.because()
                    + "; install the launcher's MPI library or set " + MpiLibraries.OVERRIDE + " to its path");
        }
        MpiCollective mpi;
        try {
            MpiAbi abi = MpiAbi.of(lib);
            mpi = new MpiCollective(lib, loaded, abi, libraryVersion(lib, abi), !initialized(lib));
        } catch (UnsatisfiedLinkError e) {
            throw new CollectiveException(loaded + " is not an MPI library: " + e.getMessage(), e);
        }
        mpi.init();
        mpi.checkAgainstLauncher(RankEnvironment.detect(env));
        return mpi;
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String description() {
        return version + " (" + libraryName + ")";
    }

    @Override
    public void barrier() {
        calls.lock();
        try {
            check("MPI_Barrier", barrierFunction.invokeInt(new Object[] {abi.commWorld()}));
        } finally {
            calls.unlock();
        }
    }

    @Override
    public double[] allreduce(double[] values, ReduceOp op) {
        Memory buf = memory((long) values.length * Double.BYTES);
        buf.write(0, values, 0, values.length);
        allreduce(buf, values.length, abi.doubleType(), op);
        return buf.getDoubleArray(0, values.length);
    }

    @Override
    public long[] allreduce(long[] values, ReduceOp op) {
        Memory buf = memory((long) values.length * Long.BYTES);
        buf.write(0, values, 0, values.length);
        allreduce(buf, values.length, abi.longType(), op);
        return buf.getLongArray(0, values.length);
    }

    private void allreduce(Memory buf, int count, Object type, ReduceOp op) {
        call("MPI_Allreduce", abi.inPlace(), buf, count, type, abi.op(op), abi.commWorld());
    }

    @Override
    public List<byte[]> gather(byte[] mine) {
        return exchange(mine, false);
    }

    @Override
    public List<byte[]> allgather(byte[] mine) {
        return exchange(mine, true);
    }

    /** Lengths first (one int per rank), then the bytes at their offsets: MPI's variable-length gather. */
    private List<byte[]> exchange(byte[] mine, boolean toAll) {
        calls.lock();
        try {
            boolean receives = toAll || rank == 0;
            Memory myLength = memory(Integer.BYTES);
            myLength.setInt(0, mine.length);
            Memory lengths = receives ? memory((long) size * Integer.BYTES) : null;
            if (toAll) {
                call("MPI_Allgather", myLength, 1, abi.intType(), lengths, 1, abi.intType(), abi.commWorld());
            } else {
                call("MPI_Gather", myLength, 1, abi.intType(), lengths, 1, abi.intType(), 0, abi.commWorld());
            }
            Memory send = memory(mine.length);
            send.write(0, mine, 0, mine.length);
            int[] counts = receives ? lengths.getIntArray(0, size) : new int[0];
            Memory offsets = receives ? memory((long) size * Integer.BYTES) : null;
            long total = 0;
            for (int r = 0; r < counts.length; r++) {
                if (total > Integer.MAX_VALUE) {
                    throw new CollectiveException("gather: more than 2 GiB in all (" + total + " bytes before rank "
                            + r + ")");
                }
                offsets.setInt((long) r * Integer.BYTES, (int) total);
                total += counts[r];
            }
            Memory recv = receives ? memory(total) : null;
            if (toAll) {
                call("MPI_Allgatherv", send, mine.length, abi.byteType(), recv, lengths, offsets, abi.byteType(),
                        abi.commWorld());
            } else {
                call("MPI_Gatherv", send, mine.length, abi.byteType(), recv, lengths, offsets, abi.byteType(), 0,
                        abi.commWorld());
            }
            List<byte[]> out = new ArrayList<>(counts.length);
            long offset = 0;
            for (int count : counts) {
                out.add(recv.getByteArray(offset, count));
                offset += count;
            }
            return out;
        } finally {
            calls.unlock();
        }
    }

    @Override
    public byte[] broadcast(byte[] bytes) {
        calls.lock();
        try {
            Memory length = memory(Integer.BYTES);
            if (rank == 0) {
                length.setInt(0, bytes.length);
            }
            call("MPI_Bcast", length, 1, abi.intType(), 0, abi.commWorld());
            int n = length.getInt(0);
            Memory buf = memory(n);
            if (rank == 0) {
                buf.write(0, bytes, 0, n);
            }
            call("MPI_Bcast", buf, n, abi.byteType(), 0, abi.commWorld());
            return buf.getByteArray(0, n);
        } finally {
            calls.unlock();
        }
    }

    /**
     * Writes the line and ends the job: the launcher stops every process. Takes no lock, so that a
     * thread can abort while another waits in a barrier that will never complete.
     */
    @Override
    public void abort(int code, String message) {
        endJob(code, "rank " + rank + " of " + size + " (host " + host + ") failed: " + message);
    }

    private void endJob(int code, String line) {
        aborting.set(true);
        System.out.flush();
        System.err.println("dlio-parquet: " + line);
        System.err.flush();
        // MPICH's Hydra kills the job as soon as it hears of the abort, sometimes before it has
        // forwarded the line above: give it a moment
        try {
            Thread.sleep(LINE_FORWARD_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lib.getFunction("MPI_Abort").invokeInt(new Object[] {abi.commWorld(), code});
        // MPI_Abort does not return; should a library return anyway, the job must still end
        Runtime.getRuntime().halt(code);
    }

    @Override
    public void complete() {
        completed.set(true);
    }

    @Override
    public void close() {
        if (!completed.get()) {
            endJob(INCOMPLETE_EXIT_CODE, "rank " + rank + " of " + size + " (host " + host + ") left the job before "
                    + "completing its part; ending the job so that no rank waits for it");
        }
        leave();
    }

    /** {@code MPI_Finalize}, and no more ending the job at exit. */
    private void leave() {
        calls.lock();
        try {
            finalizeOnce();
        } finally {
            calls.unlock();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(atExit);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // already exiting, or the hook was never registered (MPI started by the application)
        }
    }

    private void init() {
        if (!STARTED.compareAndSet(false, true)) {
            throw new IllegalStateException("MPI is started once per process");
        }
        if (ownsMpi) {
            IntByReference provided = new IntByReference();
            check("MPI_Init_thread", lib.getFunction("MPI_Init_thread")
                    .invokeInt(new Object[] {null, null, MpiAbi.THREAD_SERIALIZED, provided}));
            Runtime.getRuntime().addShutdownHook(atExit);
            if (provided.getValue() < MpiAbi.THREAD_SERIALIZED) {
                finalizeOnce();
                throw new CollectiveException(description() + " provides thread level " + provided.getValue()
                        + "; dlio-parquet needs MPI_THREAD_SERIALIZED (" + MpiAbi.THREAD_SERIALIZED + ")");
            }
        }
        IntByReference out = new IntByReference();
        call("MPI_Comm_rank", abi.commWorld(), out);
        rank = out.getValue();
        call("MPI_Comm_size", abi.commWorld(), out);
        size = out.getValue();
    }

    /** A library that is not the launcher's starts a world of one: stop rather than run the job P times. */
    private void checkAgainstLauncher(RankEnvironment launcher) {
        if (launcher.launched() && (launcher.ranks() != size || launcher.rank() != rank)) {
            String message = String.format(Locale.ROOT, "the launcher started this process as rank %d of %d (%s) "
                    + "but %s sees rank %d of %d: the library is not the launcher's MPI; launch with the mpirun of %s "
                    + "or set %s to the launcher's libmpi", launcher.rank(), launcher.ranks(), launcher.from(),
                    description(), rank, size, abi.family(), MpiLibraries.OVERRIDE);
            leave();
            throw new CollectiveException(message);
        }
    }

    /**
     * A process that exits without {@link #close()} did not finish its part (an error, a signal):
     * finalizing would wait for ranks that wait for it, so it ends the job instead.
     */
    private void atExit() {
        if (aborting.get() || finalized.get()) {
            return;
        }
        try {
            // a thread still inside MPI means the launcher is already killing the job
            if (calls.tryLock(200, TimeUnit.MILLISECONDS)) {
                try {
                    endJob(INCOMPLETE_EXIT_CODE, "rank " + rank + " of " + size + " (host " + host + ") is exiting "
                            + "before the end of the job (an error, or a signal); ending the job so that no rank waits "
                            + "for it");
                } finally {
                    calls.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void finalizeOnce() {
        if (ownsMpi && finalized.compareAndSet(false, true)) {
            check("MPI_Finalize", lib.getFunction("MPI_Finalize").invokeInt(new Object[0]));
        }
    }

    private void call(String name, Object... args) {
        calls.lock();
        try {
            check(name, lib.getFunction(name).invokeInt(args));
        } finally {
            calls.unlock();
        }
    }

    private static void check(String name, int rc) {
        if (rc != 0) {
            throw new CollectiveException(name + " failed with MPI error code " + rc);
        }
    }

    private static Memory memory(long bytes) {
        return new Memory(Math.max(1, bytes));
    }

    private static boolean initialized(NativeLibrary lib) {
        IntByReference flag = new IntByReference();
        check("MPI_Initialized", lib.getFunction("MPI_Initialized").invokeInt(new Object[] {flag}));
        return flag.getValue() != 0;
    }

    /** "Open MPI v4.1.4" or "MPICH 4.0.2": the first line of MPI's own description, up to its first comma. */
    private static String libraryVersion(NativeLibrary lib, MpiAbi abi) {
        Memory text = new Memory(MAX_LIBRARY_VERSION_STRING);
        IntByReference length = new IntByReference();
        if (lib.getFunction("MPI_Get_library_version").invokeInt(new Object[] {text, length}) != 0) {
            return abi.family();
        }
        String first = text.getString(0).lines().findFirst().orElse(abi.family());
        int comma = first.indexOf(',');
        return (comma > 0 ? first.substring(0, comma) : first).replace("Version:", "").replaceAll("\\s+", " ").trim();
    }

    /**
     * UCX (used by MPICH and, on InfiniBand, by Open MPI) installs handlers for SIGSEGV and SIGBUS
     * when it is loaded, and HotSpot raises SIGSEGV on purpose (null checks, safepoints): the JVM
     * dies at its first null check. UCX reads its settings when loaded, so this must come before
     * libmpi; a value the user set is kept.
     */
    private static void keepJvmSignalHandlers() {
        NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("setenv")
                .invokeInt(new Object[] {"UCX_ERROR_SIGNALS", "", 0});
    }

    /** The line of JNA's message that says why {@code dlopen} failed. */
    private static String loadError(UnsatisfiedLinkError e, String name) {
        String message = String.valueOf(e.getMessage());
        for (String line : message.lines().toList()) {
            if (line.contains("cannot open") || line.startsWith(name + ":")) {
                String why = line.trim();
                return why.startsWith(name + ": ") ? why.substring(name.length() + 2) : why;
            }
        }
        return message.lines().findFirst().orElse(message).trim();
    }
}
