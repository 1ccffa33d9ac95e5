package org.dlioparquet.maven;

import java.io.IOException;
import java.util.Locale;
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

    @Override
    protected void execute(WorkloadConfig config) throws IOException {
        getLog().info("dlio-parquet: generating " + config.dataset().format() + " dataset in " + config.dataFolderPath());
        GenerationResult r = Dlio.generate(config, GenerationOptions.defaults().withThreads(threads).withFsync(fsync)
                .withVerify(verify));
        if (r.nothingToDo()) {
            getLog().info("dlio-parquet: dataset complete (" + r.alreadyComplete() + " files match the manifest); "
                    + "nothing to do");
        } else {
            getLog().info(String.format(Locale.ROOT, "dlio-parquet: wrote %d files, %.1f MB in %.2f s (%.1f MB/s)%s",
                    r.files(), r.bytes() / 1048576.0, r.elapsed().toNanos() / 1e9, r.mibPerSecond(),
                    r.alreadyComplete() > 0 ? "; " + r.alreadyComplete() + " were already complete" : ""));
        }
        exportProperty("dlio.datagen.files", r.files());
        exportProperty("dlio.datagen.bytes", r.bytes());
        exportProperty("dlio.data.folder", r.dataFolder());
    }
}
