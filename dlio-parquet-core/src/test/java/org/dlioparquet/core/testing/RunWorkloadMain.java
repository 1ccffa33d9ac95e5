package org.dlioparquet.core.testing;

import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.Failure;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.config.WorkloadLoader;

/**
 * Runs a workload file in its own JVM, as the command line would: {@code RunWorkloadMain <yaml> <output>}.
 * Prints {@code ok}, or the failure's kind and message.
 */
public final class RunWorkloadMain {
    private RunWorkloadMain() {
    }

    public static void main(String[] args) {
        try {
            Path yaml = Path.of(args[0]);
            Dlio.run(new WorkloadLoader().baseDirectory(yaml.getParent()).load(yaml, List.of()),
                    RunOptions.defaults().withOutputFolder(Path.of(args[1])));
            System.out.println("ok");
        } catch (Throwable t) {
            Failure f = Dlio.classify(t);
            System.out.println(f.kind() + ": " + f.message());
        }
    }
}
