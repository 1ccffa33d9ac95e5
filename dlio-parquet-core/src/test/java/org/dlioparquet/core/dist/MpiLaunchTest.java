package org.dlioparquet.core.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dlioparquet.core.dist.MpiJob.Launcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real {@code mpirun} of Open MPI and of MPICH over three JVMs on this host (see {@link MpiJob}). */
class MpiLaunchTest {
    private static final int RANKS = 3;
    private static final long JOB_TIMEOUT_SECONDS = MpiJob.TIMEOUT_SECONDS;
    /** How soon after a rank fails every process must be gone: the launcher's own clean-up takes a few seconds. */
    private static final long STOP_WITHIN_MILLIS = 15_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Launcher.class)
    void everyCollectiveGivesEveryRankWhatMpiDefines(Launcher launcher) throws Exception {
        MpiJob job = launch(launcher, Map.of(), "collectives");
        assertThat(job.waitFor(JOB_TIMEOUT_SECONDS)).as(job.output()).isZero();
        for (int r = 0; r < RANKS; r++) {
            assertThat(job.value(r, "size")).isEqualTo("3");
            assertThat(job.value(r, "via")).startsWith(launcher == Launcher.OPEN_MPI ? "Open MPI v" : "MPICH ");
            assertThat(job.value(r, "dsum")).isEqualTo("[4.5, 3.0]");
            assertThat(job.value(r, "dmax")).isEqualTo("[20.0, 0.0]");
            assertThat(job.value(r, "dmin")).isEqualTo("[0.0, -2.0]");
            assertThat(job.value(r, "lsum")).isEqualTo("[3298534883328, 3]");
            assertThat(job.value(r, "lmax")).isEqualTo("[2, 0]");
            assertThat(job.value(r, "lmin")).isEqualTo("[0, -2]");
            assertThat(job.value(r, "gather")).isEqualTo(r == 0
                    ? "[{\"rank\":0,\"pad\":\"\"}, , {\"rank\":2,\"pad\":\"xxxxxxxxxxxxxx\"}]" : "[]");
            assertThat(job.value(r, "allgather")).isEqualTo("[r0, r1, r2]");
            assertThat(job.value(r, "bcast")).isEqualTo("seed-from-0");
            assertThat(job.value(r, "bcastLong")).isEqualTo("4242");
            assertThat(job.value(r, "localRank")).isEqualTo(Integer.toString(r));
            assertThat(job.value(r, "localSize")).isEqualTo("3");
            // the JVM's own SIGSEGV-based null checks still work after MPI_Init (UCX's handlers kept out)
            assertThat(job.value(r, "npes")).isEqualTo("100000");
            // every StepBarrier trip was the same trip on every rank
            assertThat(job.value(r, "trips")).isEqualTo("30");
            assertThat(job.value(r, "disagreement")).isEqualTo("null");
        }
        assertThat(job.value(0, "hosts")).isEqualTo("[" + JobHosts.localHostname() + "]");
        // rank 2 came a second late to the first step: the other ranks' accelerators waited for it,
        // and their watchdog said on what
        for (int r = 0; r < 2; r++) {
            assertThat(Long.parseLong(job.value(r, "firstWaitMillis"))).as("rank %d waited", r).isGreaterThan(800);
            assertThat(job.output()).contains("rank" + r + " watchdog=rank " + r + " of 3: no progress for ")
                    .contains("dlio-accelerator-0, dlio-accelerator-1 wait ")
                    .contains("on the step barrier (trip 1): all 2 local accelerators arrived, waiting for the other 2 "
                            + "process(es) of the job");
        }
    }

    @ParameterizedTest
    @EnumSource(Launcher.class)
    void aRankThatFailsStopsEveryRankWithinSecondsNamingItselfAndItsError(Launcher launcher) throws Exception {
        MpiJob job = launch(launcher, Map.of(), "fail", "1");
        int exit = job.waitFor(JOB_TIMEOUT_SECONDS);
        long stopped = System.currentTimeMillis();
        assertThat(exit).as(job.output()).isEqualTo(3);
        assertThat(job.output()).contains("dlio-parquet: rank 1 of 3 (host " + JobHosts.localHostname()
                + ") failed: accelerator 1: train/img_1_of_8.npz: not a zip file").doesNotContain("finished");
        assertThat(stopped - Long.parseLong(job.value(1, "abortingAt"))).as(job.output()).isLessThan(STOP_WITHIN_MILLIS);
    }

    /** Open MPI only: ending the job is the same call as in the failing-rank test, run with both launchers. */
    @Test
    void anExceptionLeavingTheCollectivesBlockEndsTheJobInsteadOfWaitingInFinalize() throws Exception {
        MpiJob job = launch(Launcher.OPEN_MPI, Map.of(), "throw", "2");
        assertThat(job.waitFor(JOB_TIMEOUT_SECONDS)).as(job.output()).isNotZero();
        assertThat(job.output()).contains("dlio-parquet: rank 2 of 3 (host " + JobHosts.localHostname()
                + ") left the job before completing its part; ending the job so that no rank waits for it")
                .doesNotContain("finished");
    }

    @ParameterizedTest
    @EnumSource(Launcher.class)
    void aRankKilledWithSigkillStopsTheOthers(Launcher launcher) throws Exception {
        MpiJob job = launch(launcher, Map.of(), "stall", "1");
        long pid = Long.parseLong(job.awaitValue(1, "pid"));
        job.awaitValue(0, "pid");
        job.awaitValue(2, "pid");
        ProcessHandle rank1 = ProcessHandle.of(pid).orElseThrow();
        long killed = System.currentTimeMillis();
        rank1.destroyForcibly();
        int exit = job.waitFor(JOB_TIMEOUT_SECONDS);
        assertThat(System.currentTimeMillis() - killed).as(job.output()).isLessThan(STOP_WITHIN_MILLIS);
        assertThat(exit).isNotZero();
        assertThat(job.output()).doesNotContain("finished");
    }

    @ParameterizedTest
    @EnumSource(Launcher.class)
    void anotherMpisLibraryUnderTheLauncherIsAOneLineErrorNotThreeCopiesOfTheJob(Launcher launcher) throws Exception {
        MpiJob job = launch(launcher, Map.of(MpiLibraries.OVERRIDE, launcher.foreignLibrary), "collectives");
        assertThat(job.waitFor(JOB_TIMEOUT_SECONDS)).isNotZero();
        String from = launcher == Launcher.OPEN_MPI ? "OMPI_COMM_WORLD_RANK/OMPI_COMM_WORLD_SIZE" : "PMI_RANK/PMI_SIZE";
        Matcher m = Pattern.compile("error=the launcher started this process as rank (\\d) of 3 \\(" + from + "\\) but "
                + "(.+) \\(" + Pattern.quote(launcher.foreignLibrary) + "\\) sees rank 0 of 1: the library is not the "
                + "launcher's MPI; launch with the mpirun of (.+) or set DLIO_MPI_LIB to the launcher's libmpi")
                .matcher(job.output());
        List<String> ranks = new ArrayList<>();
        while (m.find()) {
            ranks.add(m.group(1));
        }
        // the launcher may stop the others once the first has exited: at least one line, never a run
        assertThat(ranks).as(job.output()).isNotEmpty();
        assertThat(job.output()).doesNotContain("size=");
    }

    private MpiJob launch(Launcher launcher, Map<String, String> env, String... args) throws Exception {
        return MpiJob.launch(dir, launcher, RANKS, List.of(), env, args);
    }
}
