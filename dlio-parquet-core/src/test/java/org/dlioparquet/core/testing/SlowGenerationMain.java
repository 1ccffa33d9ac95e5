package org.dlioparquet.core.testing;

import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.GenerationListener;
import org.dlioparquet.core.GenerationOptions;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.spi.FileSpec;

/**
 * A generation in its own JVM that sleeps after each file, so a test can kill it at a chosen point:
 * {@code SlowGenerationMain <workload.yaml> <base dir> <millis per file> [overrides...]}.
 */
public final class SlowGenerationMain {
    private SlowGenerationMain() {
    }

    public static void main(String[] args) throws Exception {
        long pause = Long.parseLong(args[2]);
        WorkloadConfig config = new WorkloadLoader().baseDirectory(Path.of(args[1]))
                .load(Path.of(args[0]), List.of(args).subList(3, args.length));
        Dlio.generate(config, GenerationOptions.defaults().withThreads(2).withListener(new GenerationListener() {
            @Override
            public void fileWritten(FileSpec file, long bytes) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        System.out.println("generation complete");
    }
}
