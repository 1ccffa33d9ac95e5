package org.dlioparquet.maven;

import java.io.IOException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.GenerationOptions;
import org.dlioparquet.core.GenerationResult;
import org.dlioparquet.core.config.WorkloadConfig;

/**
 * Generates the workload's dataset in DLIO's layout. Sets {@code dlio.datagen.files},
 * {@code dlio.datagen.bytes} and {@code dlio.data.folder}.
 */
@Mojo(name = "datagen", defaultPhase = LifecyclePhase.GENERATE_TEST_RESOURCES, threadSafe = true)
public class DatagenMojo extends AbstractDlioMojo {

    /** Writer threads; 0 = {@code dataset.generation_threads}, else one per core. */
    @Parameter(property = "dlio.threads", defaultValue = "0")
    int threads;

    /** Force each file to the device before it is renamed into place. */
    @Parameter(property = "dlio.fsync", defaultValue = "false")
    boolean fsync;

    /** When resuming, check the CRC32C of files already written, not only their size. */
    @Parameter(property = "dlio.verify", defaultValue = "false")
    boolean verify;

    /**
     * Regenerate even when the folder holds another workload's dataset, or files under the
     * dataset's names that no manifest records (the command line's {@code --overwrite}).
     */
    @Parameter(property = "dlio.overwrite", defaultValue = "false")
    boolean overwrite;

    @Override
    protected void execute(WorkloadConfig config) throws IOException {
        getLog().info("dlio-parquet: generating " + config.dataset().format() + " dataset in " + config.dataFolderName());
        GenerationResult r = Dlio.generate(config, generationOptions());
        info(r.summaryLine(verify));
        exportProperty("dlio.datagen.files", r.files());
        exportProperty("dlio.datagen.bytes", r.bytes());
        exportProperty("dlio.data.folder", r.dataFolder());
    }

    /** The parameters as the core's options. */
    GenerationOptions generationOptions() {
        return GenerationOptions.defaults().withThreads(threads).withFsync(fsync).withVerify(verify)
                .withOverwrite(overwrite);
    }
}
