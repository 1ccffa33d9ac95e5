package org.dlioparquet.core.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dlioparquet.core.config.CheckpointMode;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.ModelConfig;
import org.dlioparquet.core.config.ParallelismConfig;
import org.dlioparquet.core.config.TensorDatatype;
import org.dlioparquet.core.config.TransformerConfig;
import org.dlioparquet.core.config.WorkloadConfig;

/**
 * Which rank writes which files of how many bytes, exactly as DLIO sizes and names them
 * ({@code reference/checkpoint.md} §2.3, DLIO's {@code base_checkpointing.py}): a pure function of the
 * model, the checkpoint mode and the rank count. Python's floor divisions are kept, per tensor and
 * left to right, so that every size equals DLIO's to the byte.
 *
 * <p>Rank {@code r} has tensor rank {@code r % TP}, pipeline stage {@code (r / TP) % PP}, model
 * rank {@code r % MP} and data rank {@code r / MP} ({@code MP = TP x PP}). Layers are numbered 0
 * (embedding), 1..L (transformer), L+1 (lm_head), L+2 (final norm); each pipeline stage holds a
 * contiguous run of them.
 */
public final class CheckpointPlan {
    private final ModelConfig model;
    private final String extension;
    private final int worldSize;
    private final int tp;
    private final int pp;
    private final int mp;
    private final int dp;
    private final int zero;
    private final long parameters;
    private final long dkv;
    private Totals totals;

    private CheckpointPlan(ModelConfig model, String extension, int worldSize, int dp) {
        this.model = model;
        this.extension = extension;
        this.worldSize = worldSize;
        ParallelismConfig p = model.parallelism();
        this.tp = p.tensor();
        this.pp = p.pipeline();
        this.mp = p.model();
        this.dp = dp;
        this.zero = p.zeroStage();
        TransformerConfig t = model.transformer();
        this.dkv = (long) (t.hiddenSize() / t.numAttentionHeads()) * t.numKvHeads();
        this.parameters = parameterCount();
    }

    /**
     * The plan of {@code config}'s model on {@code worldSize} ranks.
     *
     * @throws ConfigException when that rank count does not fit the model's split
     */
    public static CheckpointPlan of(WorkloadConfig config, int worldSize) {
        return of(config.model(), config.checkpoint().mode(), extensionOf(config.framework()), worldSize);
    }

    /**
     * @param extension file extension without the dot: DLIO's {@code pt} (PyTorch) or {@code pb} (TensorFlow)
     * @throws ConfigException when {@code worldSize} does not fit the model's split
     */
    public static CheckpointPlan of(ModelConfig model, CheckpointMode mode, String extension, int worldSize) {
        if (worldSize < 1) {
            throw new IllegalArgumentException("a checkpoint needs at least one rank, got " + worldSize);
        }
        ParallelismConfig p = model.parallelism();
        int mp = p.model();
        int dp;
        if (mode == CheckpointMode.SUBSET) {
            if (p.data() < 1) {
                throw new ConfigException("checkpoint.mode", "subset needs model.parallelism.data");
            }
            dp = p.data();
            if ((long) dp * mp < worldSize) {
                throw new ConfigException("model.parallelism.data", worldSize + " ranks are more than the "
                        + (long) dp * mp + " ranks (data " + dp + " x tensor " + p.tensor() + " x pipeline "
                        + p.pipeline() + ") of the job this subset checkpoint belongs to");
            }
        } else {
            if (worldSize % mp != 0) {
                throw new ConfigException("model.parallelism", worldSize + " ranks are not a multiple of tensor "
                        + p.tensor() + " x pipeline " + p.pipeline() + " = " + mp + "; run a multiple of " + mp
                        + " ranks, or set checkpoint.mode: subset and model.parallelism.data");
            }
            dp = p.data() > 0 ? p.data() : worldSize / mp;
        }
        try {
            return new CheckpointPlan(model, extension, worldSize, dp);
        } catch (ArithmeticException e) {
            throw new ConfigException("model.transformer", "the model's size does not fit in 64-bit integers");
        }
    }

    /** DLIO's file extension for a framework: {@code pt} for PyTorch, {@code pb} for TensorFlow. */
    public static String extensionOf(String framework) {
        return "tensorflow".equals(framework) ? "pb" : "pt";
    }

    public int worldSize() {
        return worldSize;
    }

    public int tensorParallelism() {
        return tp;
    }

    public int pipelineParallelism() {
        return pp;
    }

    public int dataParallelism() {
        return dp;
    }

    public int zeroStage() {
        return zero;
    }

    /** DLIO's "Total number of parameters in the model" (0 without layers). */
    public long parameters() {
        return parameters;
    }

    /** One line: {@code TP 1 x PP 1 x DP 8, ZeRO 3, 8 ranks}. */
    public String describe() {
        return String.format(Locale.ROOT, "TP %d x PP %d x DP %d, ZeRO %d, %d ranks", tp, pp, dp, zero, worldSize);
    }

    private long parameterCount() {
        int layers = model.numLayers();
        if (layers <= 0) {
            return 0;
        }
        TransformerConfig t = model.transformer();
        long h = t.hiddenSize();
        long f = t.ffnHiddenSize();
        long embedding = Math.multiplyExact((long) t.vocabSize(), h);
        long qkv = Math.multiplyExact(h, Math.addExact(h, 2 * dkv));
        long perLayer = Math.addExact(Math.addExact(h + h, qkv),
                Math.addExact(Math.multiplyExact(h, h), Math.multiplyExact(3 * f, h)));
        return Math.addExact(Math.addExact(2 * embedding, h), Math.multiplyExact(perLayer, (long) layers));
    }

    /** The files rank {@code rank} writes in every checkpoint (none for a rank with nothing to save). */
    public RankFiles rank(int rank) {
        if (rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("rank " + rank + " is not one of the " + worldSize + " ranks");
        }
        return new RankFiles(rank, files(rank, new DlioSizes()));
    }

    private List<CheckpointFile> files(int r, DlioSizes dlio) {
        List<CheckpointFile> out = new ArrayList<>();
        if (zero == 0 && r >= mp) {
            return out; // without ZeRO only the first data-parallel replica saves
        }
        int stage = (r / tp) % pp;
        int dpRank = r / mp;
        int mpRank = r % mp;
        if (model.modelSizeBytes() > 0 && !model.isTransformer()) {
            out.add(CheckpointFile.of("model_states-" + r + "." + extension, StatePart.MODEL, TensorDatatype.INT8,
                    List.of(model.modelSizeBytes())));
        }
        List<List<Long>> layers = layerTensors(stage, dpRank);
        TensorDatatype layerType = model.layerParameters().isEmpty() ? model.modelDatatype() : TensorDatatype.INT8;
        if (model.layerParameters().isEmpty()) {
            for (List<Long> l : layers) {
                dlio.model += CheckpointFile.of("", StatePart.MODEL, layerType, l).bytes();
            }
        }
        int first = layerRange(stage)[0];
        if (!layers.isEmpty()) {
            if (zero == 1 || zero == 2) {
                // ZeRO 1 and 2: the first data-parallel replica saves the model, per layer when pipelined
                if (dpRank == 0 && model.numLayers() > 0) {
                    if (pp > 1) {
                        for (int i = 0; i < layers.size(); i++) {
                            out.add(CheckpointFile.of("layer_" + (first + i) + "-model_" + mpRank + "_model_states."
                                    + extension, StatePart.MODEL, layerType, layers.get(i)));
                        }
                    } else {
                        out.add(CheckpointFile.of("model_" + mpRank + "_model_states." + extension, StatePart.MODEL,
                                layerType, flatten(layers)));
                    }
                }
            } else {
                out.add(CheckpointFile.of(zeroName(dpRank, mpRank) + "_model_states." + extension, StatePart.MODEL,
                        layerType, flatten(layers)));
            }
        }
        List<Long> optimizer = optimizerTensors();
        if (optimizer != null) {
            TensorDatatype type = model.optimizationGroups().isEmpty() ? model.optimizerDatatype() : TensorDatatype.INT8;
            CheckpointFile f = CheckpointFile.of(zeroName(dpRank, mpRank) + "_optim_states." + extension,
                    StatePart.OPTIMIZER, type, optimizer);
            out.add(f);
            if (model.optimizationGroups().isEmpty()) {
                dlio.optimizer += f.bytes();
            }
        }
        return out;
    }

    private static String zeroName(int dpRank, int mpRank) {
        return "zero_pp_rank_" + dpRank + "_mp_rank_" + mpRank;
    }

    private static List<Long> flatten(List<List<Long>> layers) {
        List<Long> all = new ArrayList<>();
        layers.forEach(all::addAll);
        return all;
    }

    /**
     * The first and last layer index of a pipeline stage. Stage 0 also holds the embedding (0) and
     * the last stage lm_head and the final norm (L+1, L+2), except for DLIO's legacy explicit
     * {@code layer_parameters}.
     */
    private int[] layerRange(int stage) {
        int layers = model.numLayers();
        int perStage = Math.floorDiv(layers, pp);
        int remainder = Math.floorMod(layers, pp);
        int start;
        int end;
        if (stage < remainder) {
            start = stage * (perStage + 1) + 1;
            end = start + perStage;
        } else {
            start = remainder * (perStage + 1) + (stage - remainder) * perStage + 1;
            end = start + perStage - 1;
        }
        if (model.layerParameters().isEmpty()) {
            if (stage == pp - 1) {
                end = layers + 2;
            }
            if (stage == 0) {
                start = 0;
            }
        }
        return new int[] {start, end};
    }

    /** The tensors of each layer of the stage, as DLIO allocates them; empty when the rank holds no model. */
    private List<List<Long>> layerTensors(int stage, int dpRank) {
        List<List<Long>> out = new ArrayList<>();
        int[] range = layerRange(stage);
        if (!model.layerParameters().isEmpty()) {
            List<Long> layer = new ArrayList<>();
            for (long p : model.layerParameters()) {
                if (p > 0) {
                    layer.add(p / tp);
                }
            }
            for (int i = range[0]; i <= range[1]; i++) {
                out.add(layer);
            }
            return out;
        }
        if (model.numLayers() <= 0 || (zero == 1 && dpRank != 0)) {
            return out; // with ZeRO 1, DLIO does not even allocate the model on other replicas
        }
        for (int i = range[0]; i <= range[1]; i++) {
            List<Long> positive = new ArrayList<>();
            for (long t : layer(i)) {
                if (t > 0) {
                    positive.add(t);
                }
            }
            out.add(positive);
        }
        return out;
    }

    /** Element counts of layer {@code i}'s tensors; the norms are not split over tensor ranks. */
    private long[] layer(int i) {
        TransformerConfig t = model.transformer();
        long h = t.hiddenSize();
        long f = t.ffnHiddenSize();
        int layers = model.numLayers();
        long sharding = zero == 3 ? dp : 1;
        if (i == 0 || i == layers + 1) {
            return new long[] {Math.multiplyExact(h, (long) t.vocabSize()) / tp / sharding};
        }
        if (i == layers + 2) {
            return new long[] {h / sharding};
        }
        return new long[] {
            h / sharding,
            Math.multiplyExact(h, h + 2 * dkv) / tp / sharding,
            Math.multiplyExact(h, h) / tp / sharding,
            h / sharding,
            Math.multiplyExact(h * 2, f) / tp / sharding,
            Math.multiplyExact(h, f) / tp / sharding
        };
    }

    /** The optimizer's tensors, or {@code null} when the rank saves none. */
    private List<Long> optimizerTensors() {
        if (!model.optimizationGroups().isEmpty()) {
            // DLIO's legacy groups: two int8 tensors per positive group, then one of their total
            List<Long> out = new ArrayList<>();
            long combined = 0;
            for (long g : model.optimizationGroups()) {
                if (g > 0) {
                    out.add(g);
                    out.add(g);
                    combined += g;
                }
            }
            out.add(combined);
            return out;
        }
        if (model.numLayers() <= 0) {
            return null;
        }
        long n = zero > 0 ? parameters / ((long) dp * mp) : parameters / mp;
        if (n <= 0) {
            return null;
        }
        long h5 = 5L * model.transformer().hiddenSize();
        return List.of(n, h5, n, h5, n, h5);
    }

    /** Bytes of one checkpoint over all ranks. */
    public long totalBytes() {
        return totals().model + totals().optimizer;
    }

    /** Bytes of model states in one checkpoint over all ranks. */
    public long modelBytes() {
        return totals().model;
    }

    /** Bytes of optimizer states in one checkpoint over all ranks. */
    public long optimizerBytes() {
        return totals().optimizer;
    }

    /** Files in one checkpoint over all ranks. */
    public long fileCount() {
        return totals().files;
    }

    /**
     * The checkpoint size DLIO reports ({@code checkpoint_size_GB} x 2^30), which is not always what
     * it writes: with ZeRO 2 it counts the model of every data-parallel replica although only the
     * first saves it, it leaves out DLIO's legacy explicit sizes, and a non-transformer's
     * {@code model_size_bytes} counts once although every rank writes it.
     */
    public long dlioReportedBytes() {
        return totals().dlioReported;
    }

    private synchronized Totals totals() {
        if (totals == null) {
            Totals t = new Totals();
            DlioSizes dlio = new DlioSizes();
            for (int r = 0; r < worldSize; r++) {
                for (CheckpointFile f : files(r, dlio)) {
                    t.files++;
                    if (f.part() == StatePart.MODEL) {
                        t.model += f.bytes();
                    } else {
                        t.optimizer += f.bytes();
                    }
                }
            }
            long modelReported = dlio.model;
            if (!model.isTransformer() && model.modelSizeBytes() > 0) {
                modelReported = model.modelSizeBytes();
            }
            t.dlioReported = modelReported + dlio.optimizer;
            totals = t;
        }
        return totals;
    }

    private static final class Totals {
        long model;
        long optimizer;
        long files;
        long dlioReported;
    }

    /** What DLIO adds up for its reported size while it allocates each rank's tensors. */
    private static final class DlioSizes {
        long model;
        long optimizer;
    }
}
