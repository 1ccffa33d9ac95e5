package org.dlioparquet.core.dist;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dlioparquet.core.testing.ChildJvm;

/**
 * A real {@code mpirun} over JVMs running {@link MpiTestMain}, and the log of all its ranks. The
 * launchers come from Debian's {@code openmpi-bin} and {@code mpich} ({@code .ci/run} installs
 * them); a machine without them fails the test rather than skipping it.
 *
 * @param process the launcher
 * @param log     what every rank printed, and the launcher
 */
record MpiJob(Process process, Path log) {
    static final long TIMEOUT_SECONDS = 120;

    /** The launchers, each with the library of the other family for the mismatch case. */
    enum Launcher {
        OPEN_MPI("mpirun.openmpi", "openmpi-bin", "libmpich.so.12", List.of("--oversubscribe")),
        MPICH("mpirun.mpich", "mpich", "libmpi.so.40", List.of());

        final String command;
        final String debianPackage;
        final String foreignLibrary;
        final List<String> options;

        Launcher(String command, String debianPackage, String foreignLibrary, List<String> options) {
            this.command = command;
            this.debianPackage = debianPackage;
            this.foreignLibrary = foreignLibrary;
            this.options = options;
        }
    }

    /**
     * Starts {@code launcher} with {@code options} and {@code -np ranks} over {@link MpiTestMain}
     * {@code args}, logging to a file of {@code dir}.
     */
    static MpiJob launch(Path dir, Launcher launcher, int ranks, List<String> options, Map<String, String> env,
                         String... args) throws IOException {
        Path mpirun = onPath(launcher.command);
        if (mpirun == null) {
            fail(launcher.command + " is not on the PATH: install Debian's " + launcher.debianPackage
                    + " (.ci/run does); the MPI tests do not skip");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(mpirun.toString());
        cmd.addAll(launcher.options);
        cmd.addAll(options);
        cmd.addAll(List.of("-np", Integer.toString(ranks)));
        cmd.addAll(ChildJvm.command(MpiTestMain.class, args));
        Path log = Files.createTempFile(dir, "mpirun-" + launcher + "-" + args[0] + "-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove(MpiLibraries.OVERRIDE);
        pb.environment().remove("UCX_ERROR_SIGNALS");
        // tests run as root in CI; Open MPI refuses root without both
        pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT", "1");
        pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        pb.environment().putAll(env);
        return new MpiJob(pb.start(), log);
    }

    static Path onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** The launcher's exit code; fails (after killing the job) if it runs longer than {@code seconds}. */
    int waitFor(long seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("mpirun still running after " + seconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** What {@code rank} printed after {@code key=} (the rest of its line), or fails. */
    String value(int rank, String key) throws IOException {
        Matcher m = line(rank, key).matcher(output());
        if (!m.find()) {
            fail("rank " + rank + " printed no " + key + "=:\n" + output());
        }
        return m.group(1);
    }

    /** {@link #value} once {@code rank} has printed it, while the job runs. */
    String awaitValue(int rank, String key) throws Exception {
        Pattern p = line(rank, key);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher m = p.matcher(output());
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(50);
        }
        return value(rank, key);
    }

    private static Pattern line(int rank, String key) {
        return Pattern.compile("(?m)^rank" + rank + " " + Pattern.quote(key) + "=(.*)$");
    }
}
