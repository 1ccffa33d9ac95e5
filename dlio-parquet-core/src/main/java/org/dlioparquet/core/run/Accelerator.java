package org.dlioparquet.core.run;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.dist.StepBarrier;
import org.dlioparquet.core.metrics.BlockMetrics;
import org.dlioparquet.core.metrics.EpochSpan;
import org.dlioparquet.core.metrics.HostInfo;
import org.dlioparquet.core.metrics.PhaseRecord;
import org.dlioparquet.core.metrics.StepTimes;

/**
 * One emulated accelerator (a DLIO rank): for each epoch, the training block (wait for a batch,
 * "compute" for {@code computation_time}, meet every other accelerator of the job at a barrier —
 * DLIO's all-reduce), then evaluation when due. Records DLIO's per-step load and compute times, and
 * when each epoch began and ended. With {@code workflow.checkpoint} it saves its rank's checkpoint
 * files itself, on its own thread, after a step's barrier or the epoch's training block.
 */
final class Accelerator {
    private final int rank;
    private final WorkloadConfig config;
    private final RunContext run;
    private final BatchLoader trainLoader;
    private final BatchLoader evalLoader;
    private final List<PhaseRecord> train = new ArrayList<>();
    private final List<PhaseRecord> eval = new ArrayList<>();
    private final List<EpochSpan> epochs = new ArrayList<>();
    private final RankProbe probe;
    private final TrainingCheckpoints checkpoints;

    /** An accelerator nobody observes: no timeline, trace or progress. */
    Accelerator(int rank, WorkloadConfig config, RunContext run, BatchLoader trainLoader, BatchLoader evalLoader) {
        this(rank, config, run, trainLoader, evalLoader, RankProbe.NONE);
    }

    /** @param probe from {@link RunInstruments#rank(int)} */
    Accelerator(int rank, WorkloadConfig config, RunContext run, BatchLoader trainLoader, BatchLoader evalLoader,
                RankProbe probe) {
        this(rank, config, run, trainLoader, evalLoader, probe, TrainingCheckpoints.NONE);
    }

    /** @param checkpoints the checkpoints this accelerator saves while it trains */
    Accelerator(int rank, WorkloadConfig config, RunContext run, BatchLoader trainLoader, BatchLoader evalLoader,
                RankProbe probe, TrainingCheckpoints checkpoints) {
        this.rank = rank;
        this.checkpoints = checkpoints;
        this.config = config;
        this.run = run;
        this.trainLoader = trainLoader;
        this.evalLoader = evalLoader;
        this.probe = probe;
    }

    int rank() {
        return rank;
    }

    List<PhaseRecord> train() {
        return train;
    }

    List<PhaseRecord> eval() {
        return eval;
    }

    /** The epochs in which this accelerator trained or evaluated. */
    List<EpochSpan> epochs() {
        return epochs;
    }

    BatchLoader trainLoader() {
        return trainLoader;
    }

    BatchLoader evalLoader() {
        return evalLoader;
    }

    void run(StepBarrier stepBarrier, StepBarrier epochBarrier) throws IOException, BrokenBarrierException {
        ComputeEmulator compute = new ComputeEmulator(config.train().computationTime(),
                new SplittableRandom(run.seed(SeedPurpose.COMPUTE, rank)));
        ComputeEmulator evalCompute = new ComputeEmulator(config.evaluation().evalTime(),
                new SplittableRandom(run.seed(SeedPurpose.EVAL_COMPUTE, rank)));
        long cap = config.train().totalTrainingSteps();
        long stepsDone = 0;
        int nextEval = config.evaluation().evalAfterEpoch();
        probe.runStarted();
        for (int epoch = 1; epoch <= config.train().epochs(); epoch++) {
            if (cap > 0 && stepsDone >= cap) {
                break;
            }
            Instant epochStart = Instant.now();
            // DLIO records /proc/meminfo as each epoch's training starts
            Map<String, String> meminfo = config.workflow().train() ? HostInfo.meminfoNow() : Map.of();
            boolean ran = false;
            probe.epochStarted(epoch);
            if (config.workflow().train()) {
                EpochSampleOrder order = run.order(Split.TRAIN, rank, config.reader().batchSize(), epoch);
                long steps = order.steps();
                if (cap > 0) {
                    steps = Math.min(steps, cap - stepsDone);
                }
                train.add(phase(Split.TRAIN, epoch, order, steps, trainLoader, compute, stepBarrier));
                stepsDone += steps;
                // after the block, before evaluation, as DLIO (its end-of-epoch barrier is the save's own)
                checkpoints.afterEpoch(rank, epoch, steps);
                ran = true;
            }
            if (config.workflow().evaluation() && epoch >= nextEval) {
                EpochSampleOrder order = run.order(Split.EVAL, rank, config.reader().batchSizeEval(), epoch);
                eval.add(phase(Split.EVAL, epoch, order, order.steps(), evalLoader, evalCompute, null));
                nextEval += config.evaluation().epochsBetweenEvals();
                ran = true;
            }
            if (ran) {
                epochs.add(new EpochSpan(epoch, epochStart, Instant.now(), meminfo));
            }
            probe.epochFinished(epoch);
            epochBarrier.await();
        }
        probe.runFinished(trainLoader.latencies(), evalLoader.latencies());
    }

    private PhaseRecord phase(Split split, int epoch, EpochSampleOrder order, long steps, BatchLoader loader,
                              ComputeEmulator compute, StepBarrier barrier) throws IOException, BrokenBarrierException {
        StepTimes times = new StepTimes();
        long storage = 0;
        long payload = 0;
        long samples = 0;
        long skipped = 0;
        long again = 0;
        Instant start = Instant.now();
        // the block starts with the loader: its reader threads begin prefetching at once
        long t0 = System.nanoTime();
        times.start(t0);
        probe.phaseStarted(split, epoch, steps, t0);
        loader.start(order, steps, probe);
        long loadStart = t0;
        for (long s = 0; s < steps; s++) {
            BatchResult b = loader.next();
            long loaded = System.nanoTime();
            probe.loaded(loaded);
            double computed = compute.step();
            times.add((loaded - loadStart) / 1e9, computed, b.storageBytes(), b.payloadBytes());
            storage += b.storageBytes();
            payload += b.payloadBytes();
            samples += b.samples();
            skipped += b.skipped();
            again += b.filesReadAgain();
            long computedAt = System.nanoTime();
            if (barrier != null) {
                probe.atBarrier(computedAt);
                barrier.await();
            }
            long stepEnd = System.nanoTime();
            probe.stepDone(s, loadStart, loaded, computedAt, stepEnd, b);
            long saving = split == Split.TRAIN ? checkpoints.afterStep(rank, epoch, s + 1) : 0;
            // a checkpoint is neither the next step's wait for data nor time of the block (DLIO: a new block)
            times.exclude(saving);
            loadStart = stepEnd + saving;
        }
        long t1 = System.nanoTime();
        times.end(t1);
        probe.phaseFinished(split, epoch, steps, t1);
        Instant end = Instant.now();
        loader.endPhase();
        int exclStart = config.output().excludeStartSteps();
        int exclEnd = config.output().excludeEndSteps();
        BlockMetrics metrics = split == Split.TRAIN
                ? BlockMetrics.training(times, exclStart, exclEnd, order.batchSize())
                : BlockMetrics.evaluation(times, exclStart, exclEnd, order.batchSize());
        return new PhaseRecord(rank, epoch, start, end, times, metrics, storage, payload, samples, skipped, again);
    }
}
