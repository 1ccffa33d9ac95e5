package org.dlioparquet.core.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.dlioparquet.core.DlioException;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.dist.Collective;

/**
 * Internal: the check that every process of a job loaded the same workload with the same
 * accelerator count. Processes that disagree would shard the dataset differently, wait at
 * different barriers and sum unlike results; each one refuses instead, before anything is written.
 */
public final class SameWorkload {
    private SameWorkload() {
    }

    /**
     * Every process calls it; all of them get the same answer.
     *
     * @throws DlioException one line naming the first process whose workload differs from rank 0's
     */
    public static void require(Collective job, WorkloadConfig config, RunOptions options) {
        if (job.size() == 1) {
            return;
        }
        String mine = fingerprint(config, options);
        List<byte[]> all = job.allgather(mine.getBytes(StandardCharsets.UTF_8));
        String first = new String(all.get(0), StandardCharsets.UTF_8);
        for (int r = 1; r < all.size(); r++) {
            String theirs = new String(all.get(r), StandardCharsets.UTF_8);
            if (!theirs.equals(first)) {
                throw new DlioException(String.format(Locale.ROOT, "the processes of this job loaded different "
                        + "workloads: rank %d's (%s) is not rank 0's (%s); give every process the same workload "
                        + "file, overrides and --accelerators", r, theirs, first));
            }
        }
    }

    /** The accelerator count and a digest of the whole workload as it will run. */
    static String fingerprint(WorkloadConfig config, RunOptions options) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(config.toYaml().getBytes(StandardCharsets.UTF_8));
            return options.accelerators() + " accelerator(s), workload " + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
