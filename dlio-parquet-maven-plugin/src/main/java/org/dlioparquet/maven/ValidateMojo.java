package org.dlioparquet.maven;

import java.io.IOException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.ValidationReport;
import org.dlioparquet.core.config.WorkloadConfig;

/**
 * Checks the workload and, with {@code data}, that the dataset on disk matches it (with
 * {@code deep}, every sample decoded).
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractDlioMojo {

    /** Also check the dataset on disk: every file present and not empty. */
    @Parameter(property = "dlio.validate.data", defaultValue = "false")
    boolean data;

    /** With {@code data}: open every file and decode every sample. */
    @Parameter(property = "dlio.validate.deep", defaultValue = "false")
    boolean deep;

    @Override
    protected void execute(WorkloadConfig config) throws IOException, MojoFailureException {
        getLog().info("dlio-parquet: workload OK (" + config.model().name() + ", " + config.dataset().format() + ")");
        if (!data && !deep) {
            return;
        }
        ValidationReport report = Dlio.validate(config, deep);
        report.problems().forEach(p -> getLog().error(p));
        info(report.summaryLine());
        if (!report.ok()) {
            throw new MojoFailureException("dataset does not match the workload: " + report.problems().get(0)
                    + (report.problems().size() > 1 ? " (and " + (report.problems().size() - 1) + " more)" : ""));
        }
    }
}
