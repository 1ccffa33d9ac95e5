package org.dlioparquet.core.config;

/**
 * {@code model.transformer}: the shape a transformer's checkpoint is sized from.
 *
 * @param vocabSize         V
 * @param hiddenSize        h
 * @param ffnHiddenSize     f
 * @param numAttentionHeads a
 * @param numKvHeads        k (grouped-query attention)
 */
public record TransformerConfig(int vocabSize, int hiddenSize, int ffnHiddenSize, int numAttentionHeads,
                                int numKvHeads) {
}
