package org.dlioparquet.cli;

import java.util.Map;
import org.dlioparquet.core.RankEnvironment;
import org.dlioparquet.core.dist.Collective;
import org.dlioparquet.core.dist.Collectives;
import org.dlioparquet.core.dist.LocalCollective;

/**
 * The MPI job this process is one rank of, when {@code mpirun} or {@code srun} started it: opened
 * once, by the first command that needs it, and ended by {@link DlioParquetCli#main} after the
 * command. A command that failed ends the whole job ({@link Collective#abort}), so that no other
 * rank waits at a barrier for this one; one that succeeded leaves it normally ({@code MPI_Finalize}).
 */
final class LaunchedJob {
    private static Collective job;
    private static String failure;

    private LaunchedJob() {
    }

    /**
     * MPI under a launcher, otherwise this process alone.
     *
     * @throws org.dlioparquet.core.dist.CollectiveException one line, when MPI cannot be used or
     *                                                       disagrees with the launcher
     */
    static synchronized Collective collective() {
        return collective(System.getenv());
    }

    static synchronized Collective collective(Map<String, String> env) {
        if (!RankEnvironment.mpiLaunched(env)) {
            return LocalCollective.single();
        }
        if (job == null) {
            job = Collectives.open(env);
        }
        return job;
    }

    /** The error this process reported, for the line that ends the job. */
    static synchronized void failed(String message) {
        if (failure == null) {
            failure = message;
        }
    }

    /** Leaves the job after a command that exited with {@code code}; does not return if that ends the job. */
    static synchronized void end(int code) {
        if (job == null) {
            return;
        }
        Collective open = job;
        job = null;
        if (code == ExitCodes.OK) {
            open.complete();
            open.close();
        } else {
            open.abort(code, failure != null ? failure : "exit code " + code);
        }
    }
}
