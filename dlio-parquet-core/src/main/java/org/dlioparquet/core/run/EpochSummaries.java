package org.dlioparquet.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.dlioparquet.core.dist.Collective;
import org.dlioparquet.core.metrics.EpochSummary;
import org.dlioparquet.core.metrics.PhaseRecord;
import org.dlioparquet.core.metrics.PhaseRecords;
import org.dlioparquet.core.metrics.PhaseSummary;

/**
 * The epoch barrier's action: summarises the epoch every accelerator of the job has just finished.
 * Every accelerator meets the barrier once per epoch, in order, so the n-th trip closes epoch n.
 * The processes of a job send each other their accelerators' records of the epoch, so every process
 * holds the same summary over all of them.
 * Only records of that epoch count: an epoch without evaluation must not repeat the last one. An
 * epoch in which nothing ran (evaluation only, before {@code eval_after_epoch}) is not summarised.
 */
final class EpochSummaries implements Runnable {
    private final List<Accelerator> accelerators;
    private final Collective job;
    private final double nominalRecordBytes;
    private final double trainDiskBytesPerSample;
    private final double evalDiskBytesPerSample;
    private final Consumer<EpochSummary> onSummary;
    private final List<EpochSummary> summaries = new ArrayList<>();
    private volatile int closed;

    /**
     * @param trainDiskBytesPerSample bytes of the training files on disk per sample they hold
     *                                (read amplification is measured against it); likewise for evaluation
     */
    EpochSummaries(List<Accelerator> accelerators, Collective job, double nominalRecordBytes,
                   double trainDiskBytesPerSample, double evalDiskBytesPerSample, Consumer<EpochSummary> onSummary) {
        this.accelerators = accelerators;
        this.job = job;
        this.nominalRecordBytes = nominalRecordBytes;
        this.trainDiskBytesPerSample = trainDiskBytesPerSample;
        this.evalDiskBytesPerSample = evalDiskBytesPerSample;
        this.onSummary = onSummary;
    }

    @Override
    public void run() {
        int epoch = closed + 1;
        PhaseSummary train = summary(ofJob(ofEpoch(epoch, Accelerator::train)), trainDiskBytesPerSample);
        PhaseSummary eval = summary(ofJob(ofEpoch(epoch, Accelerator::eval)), evalDiskBytesPerSample);
        closed = epoch;
        if (train == null && eval == null) {
            return;
        }
        EpochSummary e = new EpochSummary(epoch, train, eval);
        summaries.add(e);
        onSummary.accept(e);
    }

    /** The summaries so far; read it after the accelerators are done. */
    List<EpochSummary> all() {
        return List.copyOf(summaries);
    }

    /** Epochs every accelerator has finished (summarised or not): the records of later ones are incomplete. */
    int closedEpochs() {
        return closed;
    }

    /** The records of {@code epoch} of the local accelerators that ran it. */
    private List<PhaseRecord> ofEpoch(int epoch, Function<Accelerator, List<PhaseRecord>> records) {
        List<PhaseRecord> ofEpoch = new ArrayList<>();
        for (Accelerator a : accelerators) {
            List<PhaseRecord> mine = records.apply(a);
            // records are appended epoch by epoch: this epoch's, if any, is the last one
            if (!mine.isEmpty() && mine.get(mine.size() - 1).epoch() == epoch) {
                ofEpoch.add(mine.get(mine.size() - 1));
            }
        }
        return ofEpoch;
    }

    /** The records of every process of the job, in rank order (every process calls this, in the same order). */
    private List<PhaseRecord> ofJob(List<PhaseRecord> local) {
        if (job.size() == 1) {
            return local;
        }
        List<PhaseRecord> all = new ArrayList<>();
        for (byte[] records : job.allgather(PhaseRecords.encode(local))) {
            all.addAll(PhaseRecords.decode(records));
        }
        return all;
    }

    /** The phase over the accelerators that ran it, or null when none did. */
    private PhaseSummary summary(List<PhaseRecord> records, double diskBytesPerSample) {
        return records.isEmpty() ? null : PhaseSummary.of(records, nominalRecordBytes, diskBytesPerSample);
    }
}
