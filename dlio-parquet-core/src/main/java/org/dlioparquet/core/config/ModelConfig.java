package org.dlioparquet.core.config;

import java.util.List;
import java.util.Objects;

/**
 * The {@code model} section: a label, and what a checkpoint of the model holds.
 *
 * @param name               label (output folders, logs)
 * @param type               {@code transformer} sizes the checkpoint from {@link #transformer}; any other
 *                           value (or none) writes one {@code model_size_bytes} tensor per rank
 * @param modelSizeBytes     bytes of that tensor ({@code model_size_bytes})
 * @param modelDatatype      element type of the model's layers
 * @param optimizerDatatype  element type of the optimizer's state
 * @param numLayers          transformer layers; {@code -1} = none
 * @param optimizationGroups DLIO's legacy explicit optimizer tensor sizes (elements); empty = from the shape
 * @param layerParameters    DLIO's legacy explicit per-layer tensor sizes (elements); empty = from the shape
 * @param parallelism        how the model is split over the ranks
 * @param transformer        the transformer's shape
 */
public record ModelConfig(String name, String type, long modelSizeBytes, TensorDatatype modelDatatype,
                          TensorDatatype optimizerDatatype, int numLayers, List<Long> optimizationGroups,
                          List<Long> layerParameters, ParallelismConfig parallelism, TransformerConfig transformer) {
    public ModelConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(modelDatatype, "modelDatatype");
        Objects.requireNonNull(optimizerDatatype, "optimizerDatatype");
        optimizationGroups = List.copyOf(optimizationGroups);
        layerParameters = List.copyOf(layerParameters);
        Objects.requireNonNull(parallelism, "parallelism");
        Objects.requireNonNull(transformer, "transformer");
    }

    /** DLIO compares the type with {@code "transformer"} exactly. */
    public boolean isTransformer() {
        return "transformer".equals(type);
    }
}
