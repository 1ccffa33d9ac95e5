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
 * accelerator count, and that their accelerators are the job's, each once. Processes that disagree
 * would shard the dataset differently, wait at different barriers and sum unlike results; each one
 * refuses instead, before anything is written.
 */
public final class SameWorkload {
    private SameWorkload() {
    }

    /**
     * Every process calls it; all of them get the same answer.
     *
     * @throws DlioException one line naming the first process whose workload differs from rank 0's,
     *                       or whose accelerators are not its share of the job's
     */
    public static void require(Collective job, WorkloadConfig config, RunOptions options) {
        if (job.size() == 1) {
            return;
        }
        String mine = fingerprint(config, options) + "\n" + options.rankOffset() + " " + options.worldSize();
        List<byte[]> all = job.allgather(mine.getBytes(StandardCharsets.UTF_8));
        String first = new String(all.get(0), StandardCharsets.UTF_8).split("\n")[0];
        for (int r = 0; r < all.size(); r++) {
            String[] lines = new String(all.get(r), StandardCharsets.UTF_8).split("\n");
            String theirs = lines[0];
            if (!theirs.equals(first)) {
                throw new DlioException(String.format(Locale.ROOT, "the processes of this job loaded different "
                        + "workloads: rank %d's (%s) is not rank 0's (%s); give every process the same workload "
                        + "file, overrides and --accelerators", r, theirs, first));
            }
            String[] ranks = lines[1].split(" ");
            int k = options.accelerators();
            int world = job.size() * k;
            if (Integer.parseInt(ranks[0]) != r * k || Integer.parseInt(ranks[1]) != world) {
                throw new DlioException(String.format(Locale.ROOT, "process %d of this job of %d runs accelerators "
                        + "%s.. of a world of %s, not its share %d..%d of %d: give each process "
                        + "withRanks(k, rank * k, size * k)", r, job.size(), ranks[0], ranks[1], r * k, r * k + k - 1,
                        world));
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
