package org.dlioparquet.maven;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.Failure;
import org.dlioparquet.core.config.ConfigProblem;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.Workloads;
import org.dlioparquet.core.spi.FormatRegistry;

/**
 * What every goal shares: the workload and its overrides, {@code skip}, and the mapping of
 * failures (a workload, option or data mistake fails the build with its one-line message; an I/O
 * failure is an execution error). Goals only translate parameters and call the core.
 */
public abstract class AbstractDlioMojo extends AbstractMojo {

    /** Workload YAML file (relative to the project), or the name of a bundled workload. */
    @Parameter(property = "dlio.workload", required = true)
    String workload;

    /**
     * Overrides by key: each child element is named after a workload key and holds its value, e.g.
     * an element reader.batch_size holding 8, or dataset.data_folder holding a path.
     */
    @Parameter
    Map<String, String> overrides;

    /**
     * Overrides as DLIO's command line takes them, e.g. {@code ++workload.reader.batch_size=8}; from
     * the command line: {@code -Ddlio.overrides=reader.batch_size=8,train.epochs=2}. Applied after
     * {@code overrides}.
     */
    @Parameter(property = "dlio.overrides")
    List<String> overrideList;

    /** Skip this goal. */
    @Parameter(property = "dlio.skip", defaultValue = "false")
    boolean skip;

    /** Directory relative paths in the workload resolve against. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("dlio-parquet: skipped (dlio.skip)");
            return;
        }
        try {
            WorkloadConfig config = loadWorkload();
            if (logsWarnings()) {
                for (ConfigProblem w : config.warnings()) {
                    getLog().warn(w.toString());
                }
            }
            execute(config);
        } catch (RuntimeException | IOException e) {
            fail(e);
        }
    }

    /**
     * The core's classification of a failure ({@link Dlio#classify}) as Maven's exceptions: a
     * workload, option or data mistake fails the build; an I/O failure, a stopped run or a bug is an
     * execution error.
     */
    static void fail(Throwable thrown) throws MojoFailureException, MojoExecutionException {
        Failure failure = Dlio.classify(thrown);
        switch (failure.kind()) {
            case CONFIG, DATA -> throw new MojoFailureException(failure.message(), failure.cause());
            case IO, INTERRUPTED -> throw new MojoExecutionException(failure.message(), failure.cause());
            case INTERNAL -> throw new MojoExecutionException("internal error: " + failure.message()
                    + " (please report it)", failure.cause());
        }
    }

    /** Whether {@link #execute()} logs the workload's warnings; false for a goal whose core call logs them. */
    protected boolean logsWarnings() {
        return true;
    }

    /** The goal itself, given a validated workload. */
    protected abstract void execute(WorkloadConfig config) throws IOException, MojoFailureException;

    WorkloadConfig loadWorkload() {
        // the plugin's realm also holds the dependencies a user declares on the plugin: third-party formats
        FormatRegistry formats = FormatRegistry.load(getClass().getClassLoader());
        return Workloads.load(formats, basedir.toPath(), workload, allOverrides());
    }

    List<String> allOverrides() {
        List<String> all = new ArrayList<>();
        if (overrides != null) {
            overrides.forEach((k, v) -> all.add(k + "=" + (v == null ? "" : v)));
        }
        if (overrideList != null) {
            all.addAll(overrideList);
        }
        return all;
    }

    /**
     * Logs one of the core's summary lines as the plugin's lines read in a build log:
     * {@code dlio-parquet: wrote 16 files, ...}.
     */
    void info(String line) {
        getLog().info("dlio-parquet: " + (line.isEmpty() ? line
                : Character.toLowerCase(line.charAt(0)) + line.substring(1)));
    }

    /** Sets a project property for the plugins that run later in the build. */
    void exportProperty(String name, Object value) {
        if (project != null) {
            project.getProperties().setProperty(name, String.valueOf(value));
        }
    }
}
