package org.dlioparquet.cli.bench;

import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.config.Workloads;
import org.dlioparquet.core.spi.FormatRegistry;

/** Loads a case's workload the same way in the parent (to prepare data) and in the child. */
final class BenchWorkloads {
    private BenchWorkloads() {
    }

    static WorkloadConfig load(String workload, List<String> overrides) {
        return workload == null ? new WorkloadLoader().fromOverrides(overrides)
                : Workloads.load(FormatRegistry.loadDefault(), Path.of("").toAbsolutePath(), workload, overrides);
    }

    static WorkloadConfig load(CaseSpec spec) {
        return load(spec.workload(), spec.overrides());
    }
}
