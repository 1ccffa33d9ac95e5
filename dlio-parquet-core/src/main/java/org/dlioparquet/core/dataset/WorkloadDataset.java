package org.dlioparquet.core.dataset;

import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.spi.FormatProvider;

/**
 * A workload's dataset as generation, validation and runs see it: the format's provider and the
 * plan of its files. A workload that runs no step may leave {@code dataset.format} unset; anything
 * that touches its files gets the same one-line configuration error for it.
 */
public record WorkloadDataset(FormatProvider provider, DatasetPlan plan) {

    /**
     * @throws ConfigException when {@code dataset.format} is not set
     */
    public static WorkloadDataset of(WorkloadConfig config) {
        DatasetConfig ds = config.dataset();
        if (ds.format() == null) {
            throw new ConfigException("dataset.format", "not set; available: " + config.registry().availableNames());
        }
        FormatProvider provider = config.registry().provider(ds.format());
        return new WorkloadDataset(provider, new DatasetPlan(ds, provider.fileExtension(ds)));
    }
}
