package org.dlioparquet.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.dlioparquet.core.metrics.EpochSummary;
import org.dlioparquet.core.metrics.PhaseRecord;
import org.dlioparquet.core.metrics.PhaseSummary;

/**
 * The epoch barrier's action: summarises the epoch every local accelerator has just finished.
 * Every accelerator meets the barrier once per epoch, in order, so the n-th trip closes epoch n.
 * Only records of that epoch count: an epoch without evaluation must not repeat the last one. An
 * epoch in which nothing ran (evaluation only, before {@code eval_after_epoch}) is not summarised.
 */
final class EpochSummaries implements Runnable {
    private final List<Accelerator> accelerators;
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
    EpochSummaries(List<Accelerator> accelerators, double nominalRecordBytes, double trainDiskBytesPerSample,
                   double evalDiskBytesPerSample, Consumer<EpochSummary> onSummary) {
        this.accelerators = accelerators;
        this.nominalRecordBytes = nominalRecordBytes;
        this.trainDiskBytesPerSample = trainDiskBytesPerSample;
        this.evalDiskBytesPerSample = evalDiskBytesPerSample;
        this.onSummary = onSummary;
    }

    @Override
    public void run() {
        int epoch = closed + 1;
        PhaseSummary train = phase(epoch, Accelerator::train, trainDiskBytesPerSample);
        PhaseSummary eval = phase(epoch, Accelerator::eval, evalDiskBytesPerSample);
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

    /** The phase of {@code epoch} over the accelerators that ran it, or null when none did. */
    private PhaseSummary phase(int epoch, Function<Accelerator, List<PhaseRecord>> records, double diskBytesPerSample) {
        List<PhaseRecord> ofEpoch = new ArrayList<>();
        for (Accelerator a : accelerators) {
            List<PhaseRecord> mine = records.apply(a);
            // records are appended epoch by epoch: this epoch's, if any, is the last one
            if (!mine.isEmpty() && mine.get(mine.size() - 1).epoch() == epoch) {
                ofEpoch.add(mine.get(mine.size() - 1));
            }
        }
        return ofEpoch.isEmpty() ? null : PhaseSummary.of(ofEpoch, nominalRecordBytes, diskBytesPerSample);
    }
}
